import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { makeClient } from "./client";
import { LoginDocument, OrdersDocument, ViewerDocument } from "../gql/graphql";

// operations.json, which the server's allow-list is made from, must hold
// the hash of each query exactly as the client sends it.
const listed: Record<string, string> = JSON.parse(readFileSync("operations.json", "utf8"));

describe("operations.json", () => {
  it("lists every operation the client sends, by the hash of what it sends", async () => {
    const sent: string[] = [];
    const fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body)).query);
      return new Response(JSON.stringify({ data: null }), { headers: { "Content-Type": "application/json" } });
    });
    const { client, dispose } = makeClient({ token: "secret", onSessionEnded: vi.fn(), fetch });
    await client.query(ViewerDocument, {}).toPromise();
    await client.query(OrdersDocument, { first: 20 }).toPromise();
    await client.mutation(LoginDocument, { email: "a@b.test", password: "x" }).toPromise();
    dispose();
    expect(sent.map((q) => listed[createHash("sha256").update(q).digest("hex")])).toEqual(["Viewer", "Orders", "Login"]);
  });
});
