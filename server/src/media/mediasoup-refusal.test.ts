import { describe, expect, it } from "vitest";
import { mediasoupRefusal } from "./mediasoup-refusal.ts";

describe("mediasoupRefusal", () => {
  it("types a request that reached the worker after the object was closed there (seen in bench/join)", () => {
    const error = new Error("Channel request handler with ID 88628388-7e1d-4ed6-996f-397d9776ae09 not found [method:consumer.resume]");
    expect(mediasoupRefusal(error)).toMatchObject({ code: "invalid_state", message: "That media object is closed" });
  });

  it("leaves an unknown error ours (internal)", () => {
    expect(mediasoupRefusal(new Error("something else"))).toBeUndefined();
  });
});
