#!/usr/bin/env bash
# Builds the vendored front-end files in src/mlkata/web/static/vendor from the pinned npm
# packages in package-lock.json. The built files are committed: users never need npm.
#   web/build.sh        (needs node >= 18 and npm; run it after changing package.json)
set -euo pipefail
cd "$(dirname "$0")"
OUT=../src/mlkata/web/static/vendor

npm ci --no-audit --no-fund --silent

rm -rf "$OUT"
mkdir -p "$OUT/katex/contrib" "$OUT/katex/fonts"

# CodeMirror 6 and the editor set-up: one minified IIFE that sets window.MlkataEditor.
node_modules/.bin/esbuild src/editor.js --bundle --minify --format=iife --target=es2020 \
  --legal-comments=eof --log-level=warning --metafile=node_modules/.bundle-meta.json \
  --banner:js="/* mlkata editor: CodeMirror 6 (MIT, see VERSIONS.txt) */" \
  --outfile="$OUT/codemirror.js"

# KaTeX: scripts as published; the stylesheet keeps only its woff2 fonts (every browser
# that runs CodeMirror 6 reads woff2), and the build fails if a url() would not resolve.
K=node_modules/katex/dist
cp "$K/katex.min.js" "$OUT/katex/"
cp "$K/contrib/auto-render.min.js" "$OUT/katex/contrib/"
cp "$K"/fonts/*.woff2 "$OUT/katex/fonts/"
node - "$K/katex.min.css" "$OUT/katex/katex.min.css" <<'EOF'
const fs = require("fs");
const path = require("path");
const [src, dst] = process.argv.slice(2);
const css = fs.readFileSync(src, "utf8")
  .replace(/,url\([^)]*\.woff\) format\("woff"\)/g, "")
  .replace(/,url\([^)]*\.ttf\) format\("truetype"\)/g, "");
for (const [, url] of css.matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
  if (!fs.existsSync(path.join(path.dirname(dst), url))) throw new Error(`katex.min.css: ${url} is not shipped`);
}
fs.writeFileSync(dst, css);
EOF

# What is vendored (the packages esbuild bundled, and KaTeX), at which version, under which license.
node - > "$OUT/VERSIONS.txt" <<'EOF'
const lock = require("./package-lock.json").packages;
const inputs = Object.keys(require("./node_modules/.bundle-meta.json").inputs);
const bundled = inputs.map((f) => f.match(/^node_modules\/((@[^/]+\/)?[^/]+)\//)?.[1]).filter(Boolean);
console.log("Vendored front-end packages, built by web/build.sh from web/package-lock.json.");
console.log("codemirror.js bundles the CodeMirror/Lezer packages below; katex/ holds KaTeX's dist files");
console.log("(katex.min.css trimmed to its woff2 fonts). Each package's license follows its version.\n");
for (const name of [...new Set([...bundled, "katex"])].sort()) {
  const { version, license } = lock[`node_modules/${name}`];
  if (license !== "MIT") throw new Error(`${name} is ${license}, not MIT: review before vendoring`);
  console.log(`${name} ${version} ${license}`);
}
EOF
ls -l "$OUT/codemirror.js" "$OUT/katex/katex.min.js" "$OUT/katex/katex.min.css"
du -sh "$OUT"
