// readability_bench: Mozilla Readability over the same pages as extract_bench and parse_walk,
// for bench/extract/run.sh, on either DOM implementation Readability is used with in Node:
// jsdom (the one its README shows) or linkedom (a faster, lighter DOM).
//
//   node readability_bench.js [-r REPEAT] [--dom jsdom|linkedom] WWW_DIR PATHS_FILE
// Loads WWW_DIR<path> for each line of PATHS_FILE (not timed), then builds a document and runs
// Readability.parse() on each page REPEAT times. Prints one line in parse_walk's format; cpu_s
// is the process's user+system CPU time (all threads), as for the C programs. A page whose
// parse throws (jsdom's CSS parser does on some real pages) counts as done, and is counted.
'use strict';
const fs = require('fs');
const { Readability } = require('@mozilla/readability');

function jsdomParser() {
  const { JSDOM, VirtualConsole } = require('jsdom');
  const quiet = new VirtualConsole();  // jsdom reports CSS it cannot parse on its console
  return (html) => {
    const dom = new JSDOM(html, { url: 'http://bench.invalid/page.html', virtualConsole: quiet });
    return { document: dom.window.document, close: () => dom.window.close() };
  };
}

function linkedomParser() {
  const { parseHTML } = require('linkedom');
  return (html) => ({ document: parseHTML(html).document, close: () => {} });
}

function main() {
  const args = process.argv.slice(2);
  let repeat = 1;
  let domName = 'jsdom';
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-r' && i + 1 < args.length) {
      repeat = Math.max(1, parseInt(args[++i], 10) || 1);
    } else if (args[i] === '--dom' && i + 1 < args.length) {
      domName = args[++i];
    } else {
      positional.push(args[i]);
    }
  }
  if (positional.length !== 2 || !['jsdom', 'linkedom'].includes(domName)) {
    console.error('usage: node readability_bench.js [-r REPEAT] [--dom jsdom|linkedom] WWW_DIR PATHS_FILE');
    process.exit(2);
  }
  const [www, pathsFile] = positional;
  const parse = domName === 'jsdom' ? jsdomParser() : linkedomParser();
  const pages = fs.readFileSync(pathsFile, 'utf8').split('\n').filter((l) => l.length > 0)
      .map((p) => fs.readFileSync(www + p, 'utf8'));
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);
  let textBytes = 0;
  let failed = 0;
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < repeat; r++) {
    for (const html of pages) {
      try {
        const doc = parse(html);
        const article = new Readability(doc.document).parse();
        if (article && article.textContent) textBytes += article.textContent.length;
        doc.close();
      } catch (e) {
        failed++;
      }
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const wallS = Number(process.hrtime.bigint() - wall0) / 1e9;
  const n = pages.length * repeat;
  const mb = (bytes * repeat) / 1e6;
  console.log(`parser=readability-${domName} pages=${n} MB=${mb.toFixed(1)} wall_s=${wallS.toFixed(3)} ` +
              `cpu_s=${cpuS.toFixed(3)} MB_per_s=${(mb / cpuS).toFixed(2)} ` +
              `pages_per_s=${(n / cpuS).toFixed(1)} text_per_page=${(textBytes / n).toFixed(0)} ` +
              `failed=${failed}`);
}

main();
