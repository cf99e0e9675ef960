// Parse and validate an AsyncAPI document with @asyncapi/parser, resolving its file $refs.
// Prints one JSON object: the diagnostics (severity 0 is an error) and, when the document
// parsed, each message's id with its resolved payload and headers schemas.
//   node validate.mjs PATH
import { Parser, fromFile } from "@asyncapi/parser";

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
const messages = {};
if (document) {
  for (const message of document.allMessages()) {
    messages[message.id()] = {
      payload: message.payload()?.json() ?? null,
      headers: message.headers()?.json() ?? null,
    };
  }
}
const found = diagnostics.map(({ code, message, path, severity }) => ({ code, message, path, severity }));
console.log(JSON.stringify({ parsed: Boolean(document), diagnostics: found, messages }));
