// Writes <out>/<name>/expected.json (the schema of ../shared/fixtures/tokenizers) for a corpus, with the shared fixtures'
// oracle: @anush008/tokenizers 0.6.0, the Rust tokenizers 0.22.2 crate through napi (package.json here).
//   npm ci && node oracle.js corpus.json ../../../../../shared/fixtures/tokenizers .
const fs = require('fs'); const path = require('path'); const crypto = require('crypto');
const { Tokenizer } = require('@anush008/tokenizers');
const [corpusPath, src, out] = process.argv.slice(2);
const corpus = JSON.parse(fs.readFileSync(corpusPath, 'utf8'));
const utf16 = (text, offs) => { const cps = Array.from(text); const pre = [0]; for (const c of cps) pre.push(pre[pre.length - 1] + c.length); return offs.map(([s, e]) => [pre[s], pre[e]]); };
(async () => {
for (const name of ['gpt2', 'llama2', 'mistral', 'llama3', 'llama3_bos', 'qwen3']) {
  const tok = await Tokenizer.fromFile(path.join(src, name, 'tokenizer.json'));
  const cases = [];
  for (const c of corpus.cases) {
    const enc = async (add) => { const e = await tok.encode(c.text, null, { addSpecialTokens: add }); const offs = e.getOffsets();
      return { ids: Array.from(e.getIds()), tokens: e.getTokens(), offsets: offs, offsets_utf16: utf16(c.text, offs), special_tokens_mask: Array.from(e.getSpecialTokensMask()) }; };
    const f = await enc(false), t = await enc(true);
    const dec = async (ids, skip) => ids.length === 0 ? '' : await tok.decode(ids, skip);
    const d = { no_special_ids: { skip_special_tokens_false: await dec(f.ids, false), skip_special_tokens_true: await dec(f.ids, true) },
                with_special_ids: { skip_special_tokens_false: await dec(t.ids, false), skip_special_tokens_true: await dec(t.ids, true) } };
    cases.push({ id: c.id, category: c.category, text: c.text, add_special_tokens_false: f, add_special_tokens_true: t, decode: d, roundtrip_exact: d.no_special_ids.skip_special_tokens_false === c.text });
  }
  fs.mkdirSync(path.join(out, name), { recursive: true });
  const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(src, name, 'tokenizer.json'))).digest('hex');
  const generated_with = { library: 'Hugging Face tokenizers (Rust crate) 0.22.2', binding: `@anush008/tokenizers 0.6.0, node ${process.version}`,
    calls: 'as ../shared/fixtures/tokenizers/README.md: encode(text, null, {addSpecialTokens}), decode(ids, skip) ("" for no ids)' };
  fs.writeFileSync(path.join(out, name, 'expected.json'), JSON.stringify({ tokenizer: name, tokenizer_json_sha256: sha, split: 'extra', generated_with, count: cases.length, cases }));
  console.log(name, cases.length);
}
})();
