// diff_bench: how long the diff and the change analysis take on article bodies of typical and
// extreme sizes (bench/README.md, "Diffs and change analysis"). Synthetic, deterministic input;
// prints a Markdown table of medians.
//
//   diff_bench [--reps N]
//
// Cases: 20 KB and 1 MB bodies, English and Chinese, with scattered edits (one paragraph in ten
// edited, one in fifty inserted, one in forty deleted); 1 MB rewritten entirely; 1 MB with its
// paragraphs in reverse order (the worst case for the paragraph LCS); one 1 MB paragraph with
// sentences edited. Baselines: dtl alone, without strata's reductions and alignment, on the same
// input, to show what they buy.
#include <dtl/dtl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/change_analysis.h"
#include "storage/diff.h"
#include "storage/diff_render.h"
#include "storage/diff_sequence.h"
#include "storage/diff_tokenize.h"

namespace strata::bench {
namespace {

using strata::Article;

std::string Paragraph(int i, bool cjk) {
  if (cjk) {
    return "第" + std::to_string(i) +
           "段：libcurl 的 multi "
           "接口可以把成百上千个传输交给一个线程管理，但前提是事件循环要正确地等待它给出的套接字。"
           "这样一个线程就能驱动所有连接，CPU 主要花在解析页面上。";
  }
  return "Paragraph " + std::to_string(i) +
         " says that many crawlers open one thread per request, which works for dozens of "
         "transfers but not for thousands; an event loop over libcurl's multi interface does.";
}

std::string Edited(const std::string& p, bool cjk) {
  const size_t half = p.size() / 2;
  size_t cut = half;
  while (cut < p.size() && (static_cast<unsigned char>(p[cut]) & 0xC0) == 0x80) ++cut;
  return p.substr(0, cut) + (cjk ? "（修改）" : " (edited)") + p.substr(cut);
}

struct Pair {
  std::string name;
  Article from;
  Article to;
};

Pair Scattered(size_t size, bool cjk) {
  Pair pair;
  pair.name = std::string(cjk ? "zh" : "en") + ", " +
              (size >= (1 << 20) ? "1 MB" : std::to_string(size >> 10) + " KB") +
              ", scattered edits";
  for (int i = 0; pair.from.body.size() < size; ++i) {
    const std::string p = Paragraph(i, cjk);
    pair.from.body += p + "\n";
    if (i % 50 == 7) pair.to.body += (cjk ? "新增的一段。\n" : "An inserted paragraph.\n");
    if (i % 40 == 5) continue;
    pair.to.body += (i % 10 == 3 ? Edited(p, cjk) : p) + "\n";
  }
  return pair;
}

Pair Rewritten() {
  Pair pair{"en -> zh, 1 MB, everything rewritten", {}, {}};
  for (int i = 0; pair.from.body.size() < (1 << 20); ++i) {
    pair.from.body += Paragraph(i, false) + "\n";
    pair.to.body += Paragraph(i * 7 + 1000000, true) + "\n";
  }
  return pair;
}

Pair Reversed() {
  Pair pair{"en, 1 MB, paragraphs in reverse order", {}, {}};
  std::vector<std::string> paragraphs;
  for (int i = 0; pair.from.body.size() < (1 << 20); ++i) {
    paragraphs.push_back(Paragraph(i, false));
    pair.from.body += paragraphs.back() + "\n";
  }
  for (auto it = paragraphs.rbegin(); it != paragraphs.rend(); ++it) pair.to.body += *it + "\n";
  return pair;
}

Pair OneParagraph() {
  Pair pair{"zh, one 1 MB paragraph, sentences edited", {}, {}};
  for (int i = 0; pair.from.body.size() < (1 << 20); ++i) {
    const std::string p = Paragraph(i, true);
    pair.from.body += p;
    pair.to.body += i % 10 == 3 ? Edited(p, true) : p;
  }
  return pair;
}

double MedianMs(const std::function<void()>& f, int reps) {
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// dtl on the paragraphs' ids with none of strata's reductions (no prefix/suffix trimming, no
// discarding of paragraphs unique to one side).
void PlainDtlParagraphs(const Article& from, const Article& to) {
  storage::Interner interner;
  std::vector<uint32_t> a;
  std::vector<uint32_t> b;
  for (std::string_view p : storage::SplitParagraphs(from.body)) a.push_back(interner.Id(p));
  for (std::string_view p : storage::SplitParagraphs(to.body)) b.push_back(interner.Id(p));
  dtl::Diff<uint32_t, std::vector<uint32_t>> diff(a, b);
  diff.compose();
}

// dtl on the word tokens of the whole bodies: a diff without paragraph alignment.
void PlainDtlWords(const Article& from, const Article& to) {
  storage::Interner interner;
  std::vector<uint32_t> a;
  std::vector<uint32_t> b;
  for (const auto& t : storage::TokenizeWords(from.body)) a.push_back(interner.Id(t.text));
  for (const auto& t : storage::TokenizeWords(to.body)) b.push_back(interner.Id(t.text));
  dtl::Diff<uint32_t, std::vector<uint32_t>> diff(a, b);
  diff.compose();
}

}  // namespace
}  // namespace strata::bench

int main(int argc, char** argv) {
  using namespace strata;
  using namespace strata::bench;
  int reps = 5;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--reps" && i + 1 < argc) reps = std::atoi(argv[++i]);
  }
  reps = std::max(reps, 1);
  std::vector<Pair> pairs = {Scattered(20 << 10, false),
                             Scattered(20 << 10, true),
                             Scattered(1 << 20, false),
                             Scattered(1 << 20, true),
                             Rewritten(),
                             Reversed(),
                             OneParagraph()};
  std::printf(
      "| case | AnalyzeChange | CompareArticles (auto) | + unified | + JSON | + HTML | "
      "dtl, paragraphs, no reductions | dtl, words, no alignment |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Pair& p : pairs) {
    const bool small = p.from.body.size() < 100000;
    const int n = small ? reps * 20 : reps;
    storage::ArticleDiff diff;
    const double analyze = MedianMs([&] { storage::AnalyzeChange(p.from, p.to); }, n);
    const double compare = MedianMs([&] { diff = storage::CompareArticles(p.from, p.to); }, n);
    storage::RenderOptions options;
    const double unified = MedianMs([&] { storage::RenderUnified(diff, options); }, n);
    const double json = MedianMs([&] { storage::RenderJson(diff, options); }, n);
    const double html = MedianMs([&] { storage::RenderHtml(diff, options); }, n);
    const double dtl_paragraphs = MedianMs([&] { PlainDtlParagraphs(p.from, p.to); }, n);
    // Whole-body word diffs take seconds to minutes at 1 MB: measured at 20 KB only.
    std::string dtl_words = "(skipped)";
    if (small) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.2f ms",
                    MedianMs([&] { PlainDtlWords(p.from, p.to); }, n));
      dtl_words = buffer;
    }
    std::printf("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |\n",
                p.name.c_str(), analyze, compare, unified, json, html, dtl_paragraphs,
                dtl_words.c_str());
    std::fflush(stdout);
  }
  return 0;
}
