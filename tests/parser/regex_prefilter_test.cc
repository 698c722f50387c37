#include "parser/regex_prefilter.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace strata::parser {
namespace {

class RegexPrefilterTest : public ::testing::Test {
 protected:
  RegexPrefilter Make(const std::vector<std::string>& sources) {
    options_.set_case_sensitive(false);
    options_.set_log_errors(false);
    std::vector<const RE2*> patterns;
    for (const std::string& source : sources) {
      owned_.push_back(std::make_unique<RE2>(source, options_));
      patterns.push_back(owned_.back().get());
    }
    return RegexPrefilter(patterns, options_);
  }

  RE2::Options options_;
  std::vector<std::unique_ptr<RE2>> owned_;
};

TEST_F(RegexPrefilterTest, NamesThePatternsThatMatchSomewhere) {
  const RegexPrefilter filter = Make({"a+b", "(?:^|x)c", "\\bword\\b", "阅读\\s*(\\d+)"});
  EXPECT_EQ(filter.Candidates("zzz aab"), 0b0001u);
  EXPECT_EQ(filter.Candidates("c"), 0b0010u);
  EXPECT_EQ(filter.Candidates("yxc"), 0b0010u);
  EXPECT_EQ(filter.Candidates("yc"), 0u);  // ^ is the start of the text only
  EXPECT_EQ(filter.Candidates("a WORD."), 0b0100u);
  EXPECT_EQ(filter.Candidates("swordfish"), 0u);
  EXPECT_EQ(filter.Candidates("AB, cword word 阅读 12"), 0b1101u);
  EXPECT_EQ(filter.Candidates(""), 0u);
}

TEST_F(RegexPrefilterTest, AgreesWithEachPatternOnItsOwn) {
  const std::vector<std::string> sources = {"(\\d{4})-(\\d{1,2})", "(?:^|[^\\d])(\\d{1,2})月",
                                            "\\b(views?)\\b", "x*"};
  const RegexPrefilter filter = Make(sources);
  for (const std::string text : {"2025-02 is", "on 12月", "112月", "3 views", "reviews", ""}) {
    uint64_t expected = 0;
    for (size_t i = 0; i < owned_.size(); ++i) {
      if (RE2::PartialMatch(text, *owned_[i])) expected |= uint64_t{1} << i;
    }
    EXPECT_EQ(filter.Candidates(text), expected) << text;
  }
}

TEST_F(RegexPrefilterTest, AnswersEveryPatternWhenItCannotTell) {
  std::vector<std::string> many(RegexPrefilter::kMaxPatterns + 1, "never");
  EXPECT_EQ(Make(many).Candidates("nothing here"), ~uint64_t{0});
  EXPECT_EQ(Make({"(unclosed", "ok"}).Candidates("ok"), 0b11u);  // a pattern that does not compile
}

}  // namespace
}  // namespace strata::parser
