// Prints every identifier of the TypeScript files given as arguments, one per line: file:line:name.
// Parsed with the TypeScript compiler (its path is the first argument), so template literals, comments and
// strings are told apart exactly as tsc tells them apart.
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
  };
  visit(source);
}
