import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { makeClient } from "../api/client";
import { UploadAttachmentDocument } from "../gql/graphql";

// The file goes as a GraphQL multipart request, and the server's allow-list
// (operations.json) must know the query text that request carries.
const listed: Record<string, string> = JSON.parse(readFileSync("operations.json", "utf8"));

describe("uploadAttachment", () => {
  it("sends the file as a multipart request whose query operations.json lists", async () => {
    const bodies: unknown[] = [];
    const headers: Headers[] = [];
    const respond = async (_url: unknown, init?: RequestInit) => {
      bodies.push(init?.body);
      headers.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ data: null }), { headers: { "Content-Type": "application/json" } });
    };
    const clientFetch = vi.fn(respond);
    const uploadFetch = vi.fn(respond);
    const { client, dispose } = makeClient({ token: "secret", onSessionEnded: vi.fn(), fetch: clientFetch });
    const file = new File(["\xff\xd8\xff"], "shelf.jpg", { type: "image/jpeg" });
    // The page passes a fetch of its own for the progress bar.
    await client.mutation(UploadAttachmentDocument, { parentID: "42", file }, { fetch: uploadFetch }).toPromise();
    dispose();

    expect(uploadFetch).toHaveBeenCalledTimes(1);
    expect(clientFetch).not.toHaveBeenCalled();
    const body = bodies[0];
    expect(body).toBeInstanceOf(FormData);
    const form = body as FormData;
    const operations = JSON.parse(String(form.get("operations")));
    expect(operations.variables).toEqual({ parentID: "42", file: null });
    expect(JSON.parse(String(form.get("map")))).toEqual({ 0: ["variables.file"] });
    const sent = form.get("0") as File;
    expect(sent.name).toBe("shelf.jpg");
    expect(sent.type).toBe("image/jpeg");
    expect(listed[createHash("sha256").update(operations.query).digest("hex")]).toBe("UploadAttachment");
    // The browser sets the multipart boundary; the token goes as for any request.
    expect(headers[0].get("content-type")).toBeNull();
    expect(headers[0].get("authorization")).toBe("Bearer secret");
  });
});
