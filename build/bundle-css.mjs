// Trunk pre_build hook (see Trunk.toml): style/app.css and the files it imports,
// bundled and minified by the editor's esbuild into target/style/app.css, the one
// stylesheet index.html links. Runs before every build, so `make serve` picks up an
// edited stylesheet too.
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const { build } = createRequire(join(root, "editor", "package.json"))("esbuild");
await build({
  entryPoints: [join(root, "style", "app.css")],
  outfile: join(root, "target", "style", "app.css"),
  bundle: true,
  minify: process.env.TRUNK_PROFILE !== "debug",
  logLevel: "warning",
});
