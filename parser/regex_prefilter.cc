#include "parser/regex_prefilter.h"

#include <algorithm>
#include <string>

namespace strata::parser {

RegexPrefilter::RegexPrefilter(const std::vector<const RE2*>& patterns, const RE2::Options& options)
    : set_(options, RE2::UNANCHORED) {
  const size_t count = std::min(patterns.size(), kMaxPatterns);
  all_ = count == kMaxPatterns ? ~uint64_t{0} : (uint64_t{1} << count) - 1;
  bool added = patterns.size() <= kMaxPatterns;
  for (size_t i = 0; added && i < count; ++i) {
    // Set::Add numbers the patterns 0, 1, ... in order of addition.
    added = set_.Add(patterns[i]->pattern(), nullptr) == static_cast<int>(i);
  }
  usable_ = added && set_.Compile();
}

uint64_t RegexPrefilter::Candidates(std::string_view text) const {
  if (!usable_) return all_;
  std::vector<int> matched;
  RE2::Set::ErrorInfo error;
  if (!set_.Match(re2::StringPiece(text.data(), text.size()), &matched, &error)) {
    return error.kind == RE2::Set::kNoError ? 0 : all_;
  }
  uint64_t bits = 0;
  for (int i : matched) bits |= uint64_t{1} << i;
  return bits;
}

}  // namespace strata::parser
