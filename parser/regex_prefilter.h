// RegexPrefilter: which of a list of patterns can match somewhere in a text, found in one pass.
//
// Why: the date and counter searches try a dozen patterns, one after the other, on every line
// that has a digit; most lines match none of them, and each pattern was a scan of its own
// (together 3% of a first crawl's instructions). An RE2::Set answers for all of them in one
// scan, and only the patterns it names are run for their groups.
//
// Exact: RE2 reads a match that starts past `startpos` in the context of the whole text (^ and
// \b see the bytes before it), so a pattern that matches nowhere in the text matches from no
// start position either.
//
// Thread-safety: immutable after construction; Candidates may be called from any thread.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace strata::parser {

class RegexPrefilter {
 public:
  static constexpr size_t kMaxPatterns = 64;

  // `patterns`: at most kMaxPatterns, all compiled with `options`.
  RegexPrefilter(const std::vector<const RE2*>& patterns, const RE2::Options& options);

  // For a list of records whose `re` (a pointer to RE2) were all compiled with the options of
  // the first.
  template <typename List>
  static std::unique_ptr<RegexPrefilter> For(const List& list) {
    std::vector<const RE2*> patterns;
    for (const auto& item : list) patterns.push_back(&*item.re);
    return std::make_unique<RegexPrefilter>(
        patterns, patterns.empty() ? RE2::Options() : patterns.front()->options());
  }

  // Bit i is set when patterns[i] may match somewhere in `text`: it does, or the set could not
  // tell (its DFA ran out of memory, or it failed to build), which sets every bit.
  uint64_t Candidates(std::string_view text) const;

 private:
  RE2::Set set_;
  uint64_t all_ = 0;
  bool usable_ = false;
};

}  // namespace strata::parser
