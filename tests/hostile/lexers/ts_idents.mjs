// Prints every identifier of the TypeScript files given as arguments, one per line: file:line:name.
// Parsed with the TypeScript compiler (its path is the first argument), so template literals, comments and
// strings are told apart exactly as tsc tells them apart. The names TSDoc comments carry as tags and links
// (`@name`, `{@link name}`) are listed too: editors and doc tools act on them, so spec text must not make one.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const [typescriptPath, ...files] = process.argv.slice(2);
const ts = createRequire(import.meta.url)(typescriptPath);

for (const path of files) {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  if (source.parseDiagnostics.length > 0) {
    console.error(`${path}: ${source.parseDiagnostics[0].messageText}`);
    process.exit(1);
  }
  const visit = (node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      console.log(`${path}:${line}:${node.text}`);
    }
    ts.forEachChild(node, visit);
    for (const doc of node.jsDoc ?? []) visit(doc);
  };
  visit(source);
}
