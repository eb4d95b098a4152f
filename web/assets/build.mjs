// Builds web/static from the pinned npm packages: Hearth's stylesheet from
// Sass, the design systems' scripts, and their licences. The output is
// committed so that `go run ./cmd/hearth` needs nothing but Go; CI builds it
// again from package-lock.json and fails if anything differs.
import { compile } from "sass";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const out = "static";
mkdirSync(`${out}/js`, { recursive: true });
mkdirSync(`${out}/licences`, { recursive: true });
mkdirSync("../internal/server/testdata/axe", { recursive: true });

// The design systems warn about their own use of their deprecated mixins;
// only warnings about Hearth's own Sass are shown.
const logger = {
  warn(message, { span, stack }) {
    // The stack's second frame is the code that called the warning mixin.
    const caller = (stack ?? "").split("\n")[1] ?? span?.url?.pathname ?? "";
    if (!caller.includes("node_modules/")) console.warn(message, stack ?? "");
  },
};
const css = compile("assets/hearth.scss", { loadPaths: ["."], style: "compressed", quietDeps: true, logger });
writeFileSync(`${out}/hearth.css`, css.css + "\n");

const copies = [
  ["node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/js/govuk-frontend.min.js`],
  ["node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js", `${out}/js/moj-frontend.min.js`],
  // axe-core checks the pages' accessibility in the browser tests only.
  ["node_modules/axe-core/axe.min.js", "../internal/server/testdata/axe/axe.min.js"],
  ["node_modules/axe-core/LICENSE", "../internal/server/testdata/axe/LICENSE"],
];
for (const [from, to] of copies) copyFileSync(from, to);

// The two design systems are MIT-licensed, but their packages carry no
// licence file: write the licence with each one's name, version and holder.
const mit = (name, version, holder) => `${name} ${version}
Licence: MIT (https://opensource.org/license/mit)

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
const pkg = (dir) => JSON.parse(readFileSync(`node_modules/${dir}/package.json`, "utf8"));
for (const [dir, file, holder] of [
  ["govuk-frontend", "govuk-frontend.txt", "Crown Copyright (Government Digital Service)"],
  ["@ministryofjustice/frontend", "moj-frontend.txt", "Crown Copyright (Ministry of Justice)"],
]) {
  const p = pkg(dir);
  if (p.license !== "MIT") throw new Error(`${dir} is licensed ${p.license}, not MIT: review before shipping`);
  writeFileSync(`${out}/licences/${file}`, mit(p.name, p.version, holder));
}
