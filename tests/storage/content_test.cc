#include "storage/content.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::storage {
namespace {

Article Sample() {
  Article a;
  a.url = "https://example.com/a";
  a.title = "Title";
  a.author = "Alice";
  a.published = "2025-02-14";
  a.body = "Line one.\nLine two.";
  a.tags = {"x", "y"};
  return a;
}

TEST(ContentTest, HashIgnoresCountersLinksAndDerivedFields) {
  const Article a = Sample();
  Article b = a;
  b.counters.views = 1234;
  b.counters.likes = 5;
  b.links = {"https://example.com/b"};
  b.body_html = "<p>Line one.</p>";
  b.description = "summary";
  b.url = "https://example.com/a?from=feed";
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  EXPECT_EQ(ContentHash(a).size(), 64u);
}

TEST(ContentTest, EachContentFieldChangesTheHash) {
  const Article a = Sample();
  const std::string base = ContentHash(a);
  Article b = a;
  b.title = "Other";
  EXPECT_NE(ContentHash(b), base);
  b = a;
  b.author = "Bob";
  EXPECT_NE(ContentHash(b), base);
  b = a;
  b.published = "2025-02-15";
  EXPECT_NE(ContentHash(b), base);
  b = a;
  b.body += "\nLine three.";
  EXPECT_NE(ContentHash(b), base);
  b = a;
  b.tags = {"x"};
  EXPECT_NE(ContentHash(b), base);
}

TEST(ContentTest, MovingTextBetweenFieldsChangesTheHash) {
  Article a;
  a.title = "ab";
  Article b;
  b.title = "a";
  b.author = "b";
  EXPECT_NE(ContentHash(a), ContentHash(b));
  Article c;
  c.tags = {"ab"};
  Article d;
  d.tags = {"a", "b"};
  EXPECT_NE(ContentHash(c), ContentHash(d));
}

TEST(ContentTest, ChangedContentFieldsInOrder) {
  const Article a = Sample();
  Article b = a;
  EXPECT_TRUE(ChangedContentFields(a, b).empty());
  b.tags.push_back("z");
  b.title = "New";
  b.body = "Other";
  b.counters.views = 1;
  EXPECT_EQ(ChangedContentFields(a, b), (std::vector<std::string>{"title", "body", "tags"}));
}

}  // namespace
}  // namespace strata::storage
