// Renders and validates the harness's Vega-Lite specifications (Harness.Reporting's FigureRenderer runs it).
//
//   node render.mjs render SPEC.vl.json...    writes SPEC.svg (vega View.toSVG, headless: no canvas needed)
//                                             and SPEC.png (resvg) beside each spec
//   node render.mjs validate SPEC.vl.json...  checks each spec against vega-lite's JSON schema (ajv) and
//                                             compiles it; any schema error, compile error or warning fails
//
// Each file's result is one JSON line on stdout; the exit code is 1 when any file failed.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import Ajv from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const [command, ...files] = process.argv.slice(2);
if (!['render', 'validate'].includes(command) || files.length === 0) {
  console.error('usage: node render.mjs render|validate SPEC.vl.json...');
  process.exit(2);
}

// Collects vega-lite's and vega's warnings instead of printing them, so a warning can fail validation.
function collectingLogger(messages) {
  let level = 0;
  const logger = {
    level(l) { if (l === undefined) return level; level = l; return logger; },
    error(...m) { messages.push(['error', m.join(' ')]); return logger; },
    warn(...m) { messages.push(['warn', m.join(' ')]); return logger; },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger;
}

function compile(spec, messages) {
  return vegaLite.compile(spec, { logger: collectingLogger(messages) }).spec;
}

async function render(file) {
  const spec = JSON.parse(readFileSync(file, 'utf8'));
  const messages = [];
  const view = new vega.View(vega.parse(compile(spec, messages)), { renderer: 'none', logger: collectingLogger(messages) });
  const svg = await view.toSVG();
  view.finalize();
  const base = file.replace(/\.vl\.json$|\.json$/, '');
  writeFileSync(`${base}.svg`, svg);
  // Scale 2 keeps text legible in papers; the font is whatever the system has (resvg loads system fonts).
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render();
  writeFileSync(`${base}.png`, png.asPng());
  return { file, ok: true, svg: `${base}.svg`, png: `${base}.png`, width: png.width, height: png.height, warnings: messages.map(m => m[1]) };
}

let validateSchema;
function validate(file) {
  if (!validateSchema) {
    // The package's exports hide the schema file from import; read it from node_modules.
    const schema = JSON.parse(readFileSync(join(here, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'));
    // The schema is draft-07; its formats ("color-hex", "uri") are not checked (ajv-formats is not needed for that).
    validateSchema = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false }).compile(schema);
  }
  const spec = JSON.parse(readFileSync(file, 'utf8'));
  const errors = [];
  if (!validateSchema(spec)) {
    for (const e of validateSchema.errors.slice(0, 10)) errors.push(`schema: ${e.instancePath || '/'} ${e.message}`);
  }
  const messages = [];
  try {
    compile(spec, messages);
  } catch (e) {
    errors.push(`compile: ${e.message}`);
  }
  for (const [kind, text] of messages) errors.push(`${kind}: ${text}`);
  return { file, ok: errors.length === 0, errors };
}

let failed = false;
for (const file of files) {
  let result;
  try {
    result = command === 'render' ? await render(file) : validate(file);
  } catch (e) {
    result = { file, ok: false, errors: [String(e && e.message || e)] };
  }
  failed ||= !result.ok;
  console.log(JSON.stringify(result));
}
process.exit(failed ? 1 : 0);
