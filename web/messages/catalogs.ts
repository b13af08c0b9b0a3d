// The catalogs are split by area (one folder each, beside the base files) so that pages built at
// the same time do not edit one file; each area adds its own top-level namespace.
import enBase from "./en.json";
import enRollcall from "./rollcall/en.json";
import enRollcallConsole from "./rollcallConsole/en.json";
import enRollcallLink from "./rollcallLink/en.json";
import enVisitRoom from "./visitRoom/en.json";
import enFaces from "./faces/en.json";
import enCheckin from "./checkin/en.json";
import enVisits from "./visits/en.json";
import enRecording from "./recording/en.json";
import enWorkbench from "./workbench/en.json";
import enVisitDay from "./visitDay/en.json";
import enInspection from "./inspection/en.json";
import enReportCalls from "./reportCalls/en.json";
import enMediaNodes from "./mediaNodes/en.json";
import enRollcallPass2 from "./rollcallPass2/en.json";
import enCallStage from "./callStage/en.json";
import enBasemap from "./basemap/en.json";
import enTilePin from "./tilePin/en.json";
import zhBase from "./zh-CN.json";
import zhRollcall from "./rollcall/zh-CN.json";
import zhRollcallConsole from "./rollcallConsole/zh-CN.json";
import zhRollcallLink from "./rollcallLink/zh-CN.json";
import zhVisitRoom from "./visitRoom/zh-CN.json";
import zhFaces from "./faces/zh-CN.json";
import zhCheckin from "./checkin/zh-CN.json";
import zhVisits from "./visits/zh-CN.json";
import zhRecording from "./recording/zh-CN.json";
import zhWorkbench from "./workbench/zh-CN.json";
import zhVisitDay from "./visitDay/zh-CN.json";
import zhInspection from "./inspection/zh-CN.json";
import zhReportCalls from "./reportCalls/zh-CN.json";
import zhMediaNodes from "./mediaNodes/zh-CN.json";
import zhRollcallPass2 from "./rollcallPass2/zh-CN.json";
import zhCallStage from "./callStage/zh-CN.json";
import zhBasemap from "./basemap/zh-CN.json";
import zhTilePin from "./tilePin/zh-CN.json";

export const zhCatalog = {
  ...zhBase,
  ...zhRollcall,
  ...zhRollcallConsole,
  ...zhRollcallLink,
  ...zhVisitRoom,
  ...zhFaces,
  ...zhCheckin,
  ...zhVisits,
  ...zhRecording,
  ...zhWorkbench,
  ...zhVisitDay,
  ...zhInspection,
  ...zhReportCalls,
  ...zhMediaNodes,
  ...zhRollcallPass2,
  ...zhCallStage,
  ...zhBasemap,
  ...zhTilePin,
};
export type Catalog = typeof zhCatalog;

export const catalogs: Record<"zh-CN" | "en", Catalog> = {
  "zh-CN": zhCatalog,
  en: {
    ...enBase,
    ...enRollcall,
    ...enRollcallConsole,
    ...enRollcallLink,
    ...enVisitRoom,
    ...enFaces,
    ...enCheckin,
    ...enVisits,
    ...enRecording,
    ...enWorkbench,
    ...enVisitDay,
    ...enInspection,
    ...enReportCalls,
    ...enMediaNodes,
    ...enRollcallPass2,
    ...enCallStage,
    ...enBasemap,
    ...enTilePin,
  },
};
