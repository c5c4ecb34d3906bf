// Writes operations.json: the sha256 of each operation the portal sends,
// exactly as its client sends it, to the operation's name. The server's
// --operations-allowlist runs only these for dealer users. Run by
// `npm run build`; commit the file with dist/.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { formatDocument, stringifyDocument } from "@urql/core";

// The typed documents codegen made from the portal's operations, each a
// JSON syntax tree.
const source = readFileSync(new URL("../src/gql/graphql.ts", import.meta.url), "utf8");
const documents = [...source.matchAll(/^export const \w+Document = (\{.*\}) as unknown as DocumentNode</gm)].map((m) =>
  JSON.parse(m[1]),
);
if (documents.length === 0) throw new Error("no operations in src/gql/graphql.ts: run `npm run codegen`");

const operations = {};
for (const doc of documents) {
  const op = doc.definitions.find((d) => d.kind === "OperationDefinition");
  // The graph cache adds __typename to every selection; the fetch and
  // websocket exchanges send the document printed as urql prints it.
  const query = stringifyDocument(formatDocument(doc));
  operations[createHash("sha256").update(query).digest("hex")] = op.name.value;
}
const sorted = Object.fromEntries(Object.entries(operations).sort(([a, x], [b, y]) => x.localeCompare(y) || a.localeCompare(b)));
writeFileSync(new URL("../operations.json", import.meta.url), JSON.stringify(sorted, null, 2) + "\n");
