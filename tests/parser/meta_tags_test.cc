#include "parser/meta_tags.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(MetaTagsTest, LookupsAndCascade) {
  MetaTags meta;
  meta.Add("OG:Title", "  Hello\n  World ");
  meta.Add("article:tag", "a");
  meta.Add("article:tag", "b");
  meta.Add("description", "   ");  // empty after trimming: ignored
  meta.Add("twitter:title", "&#8216;Quoted&#8217;");
  EXPECT_EQ(meta.Get("og:title"), "Hello World");
  EXPECT_EQ(meta.Get("missing"), "");
  EXPECT_EQ(meta.First({"description", "og:title"}), "Hello World");
  EXPECT_EQ(meta.All("article:tag"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(meta.Get("twitter:title"), "\u2018Quoted\u2019");
  EXPECT_EQ(meta.size(), 4u);
}

}  // namespace
}  // namespace strata::parser
