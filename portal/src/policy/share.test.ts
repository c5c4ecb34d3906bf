import { describe, expect, it } from "vitest";
import { shareByChannel } from "./share";

const retail = { id: "c1", name: "Retail" };
const online = { id: "c2", name: "Online" };
const ack = (id: string, channel: typeof retail) => ({ dealer: { id, channel } });

describe("acknowledgement share per channel", () => {
  it("counts each dealer once, pending ones as pending", () => {
    const rows = shareByChannel({
      // d1 twice (two versions), d3 acknowledged an older version and is pending again
      acknowledgements: [ack("d1", retail), ack("d1", retail), ack("d2", online), ack("d3", retail)],
      pending: [
        { id: "d3", channel: retail },
        { id: "d4", channel: retail },
      ],
    });
    expect(rows).toEqual([
      { channelID: "c2", channel: "Online", acknowledged: 1, pending: 0, share: 100 },
      { channelID: "c1", channel: "Retail", acknowledged: 1, pending: 2, share: 33 },
    ]);
  });

  it("is empty without dealers", () => {
    expect(shareByChannel({ acknowledgements: [], pending: [] })).toEqual([]);
  });
});
