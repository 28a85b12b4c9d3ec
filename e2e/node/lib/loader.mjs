// Offline JSON-LD document loader serving exactly the contexts core/ld
// embeds (core/ld/contexts/index.json), checked against their SHA-256 pins.
// Any other URL fails: nothing is ever fetched.
import {readFileSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '../../../core/ld/contexts');
const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
const cache = new Map();

function load(url) {
  const key = url.split('#')[0];
  const pin = index[url] ?? index[key] ?? index[key + '#'];
  if(!pin) {
    throw new Error(`context not embedded in core/ld: ${url}`);
  }
  let doc = cache.get(pin.file);
  if(!doc) {
    const bytes = readFileSync(path.join(dir, pin.file));
    const sum = createHash('sha256').update(bytes).digest('hex');
    if(sum !== pin.sha256) {
      throw new Error(`${pin.file}: sha256 ${sum}, pinned ${pin.sha256}`);
    }
    doc = JSON.parse(bytes.toString('utf8'));
    cache.set(pin.file, doc);
  }
  return doc;
}

// documentLoader is jsonld.js's loader signature.
export async function documentLoader(url) {
  return {contextUrl: null, document: load(url), documentUrl: url};
}
