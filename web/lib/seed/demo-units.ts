/** The demo hierarchy: 司法部 → 广东省 → twelve cities, with three cities filled in below. */
export interface DemoUnit {
  key: string;
  name: string;
  /** Facilities (监狱, 戒毒所) hold persons; every other unit is part of the justice administration. */
  kind?: "justice" | "prison" | "detox";
  children?: DemoUnit[];
}

const city = (key: string, name: string, children: DemoUnit[] = []): DemoUnit => ({ key, name, children });

export const DEMO_UNITS: DemoUnit = {
  key: "moj",
  name: "司法部",
  children: [
    {
      key: "gd",
      name: "广东省司法厅",
      children: [
        city("fs", "佛山市司法局", [
          {
            key: "gm",
            name: "高明区司法局",
            children: [
              { key: "hc", name: "荷城司法所" },
              { key: "yh", name: "杨和司法所" },
              { key: "mc", name: "明城司法所" },
            ],
          },
          { key: "nh", name: "南海区司法局", children: [{ key: "gc", name: "桂城司法所" }] },
        ]),
        city("zh", "珠海市司法局", [
          {
            key: "xz",
            name: "香洲区司法局",
            children: [
              { key: "gb", name: "拱北司法所" },
              { key: "qs", name: "前山司法所" },
            ],
          },
        ]),
        city("hy", "河源市司法局"),
        city("mz", "梅州市司法局"),
        city("hz", "惠州市司法局", [
          { key: "hcq", name: "惠城区司法局", children: [{ key: "qx", name: "桥西司法所" }] },
        ]),
        city("zj", "湛江市司法局"),
        city("mm", "茂名市司法局"),
        city("qy", "清远市司法局"),
        city("jy", "揭阳市司法局"),
        city("zq", "肇庆市司法局"),
        city("dg", "东莞市司法局"),
        city("sw", "汕尾市司法局"),
        { key: "jy1", name: "广东省第一监狱", kind: "prison" },
        { key: "jds", name: "广东省三水强制隔离戒毒所", kind: "detox" },
      ],
    },
  ],
};

/** Area codes (GB/T 2260) of the demo persons' ID numbers, by justice office. */
export const DEMO_AREA_CODES: Record<string, string> = {
  hc: "440608",
  yh: "440608",
  mc: "440608",
  gc: "440605",
  gb: "440402",
  qs: "440402",
  qx: "441302",
};

/** How many synthetic persons each justice office supervises. */
export const DEMO_PERSON_COUNTS: Record<string, number> = { hc: 12, yh: 8, mc: 4, gc: 4, gb: 3, qs: 2, qx: 3 };

export const DEMO_PASSWORD = "Sunshine#2026";

/** Staff at every level: [username, display name, role, unit key]. */
export const DEMO_STAFF: Array<[string, string, "admin" | "officer" | "inspector", string]> = [
  ["moj.admin", "部系统管理员", "admin", "moj"],
  ["moj.inspector", "部督察员", "inspector", "moj"],
  ["gd.admin", "省厅管理员", "admin", "gd"],
  ["gd.inspector", "省厅督察员", "inspector", "gd"],
  ["fs.admin", "佛山市局管理员", "admin", "fs"],
  ["fs.inspector", "佛山市局督察员", "inspector", "fs"],
  ["zh.admin", "珠海市局管理员", "admin", "zh"],
  ["gm.admin", "高明区局管理员", "admin", "gm"],
  ["gm.officer", "陈志强", "officer", "gm"],
  ["gm.inspector", "高明区局督察员", "inspector", "gm"],
  ["nh.officer", "黄立新", "officer", "nh"],
  ["hc.officer", "李晓梅", "officer", "hc"],
  ["yh.officer", "周建华", "officer", "yh"],
  ["mc.officer", "吴海燕", "officer", "mc"],
  ["gc.officer", "郑国平", "officer", "gc"],
  ["xz.officer", "林秀英", "officer", "xz"],
  ["gb.officer", "何文彬", "officer", "gb"],
  ["hcq.officer", "罗德明", "officer", "hcq"],
  ["qx.officer", "梁淑芬", "officer", "qx"],
  ["jy1.officer", "邓卫东", "officer", "jy1"],
  ["jy1.inspector", "一监狱督察员", "inspector", "jy1"],
  ["jds.officer", "蔡丽萍", "officer", "jds"],
];
