#include "parser/gumbo_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "parser/dom.h"
#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

bool Aligned(const void* p) {
  return reinterpret_cast<uintptr_t>(p) % alignof(std::max_align_t) == 0;
}

TEST(GumboArenaTest, BlocksAreAlignedDistinctAndWritable) {
  GumboArena arena(100);
  char* a = static_cast<char*>(arena.Allocate(3));
  char* b = static_cast<char*>(arena.Allocate(0));  // like malloc(0): a unique pointer
  char* c = static_cast<char*>(arena.Allocate(1000));
  EXPECT_TRUE(Aligned(a) && Aligned(b) && Aligned(c));
  EXPECT_NE(a, b);
  EXPECT_NE(b, c);
  std::memset(a, 'a', 3);
  std::memset(c, 'c', 1000);
  EXPECT_EQ(a[2], 'a');
  EXPECT_EQ(c[999], 'c');
}

TEST(GumboArenaTest, GrowsPastItsFirstChunkAndServesHugeBlocks) {
  GumboArena arena(1);
  size_t asked = 0;
  for (int i = 0; i < 10'000; ++i) {
    void* p = arena.Allocate(100);
    std::memset(p, 0, 100);
    asked += 112;  // 100 rounded up to the alignment
  }
  void* huge = arena.Allocate(64 << 20);  // larger than any chunk the arena grows to
  std::memset(huge, 1, 64 << 20);
  EXPECT_EQ(arena.bytes_allocated(), asked + (64 << 20));
  EXPECT_GE(arena.bytes_reserved(), arena.bytes_allocated());
}

TEST(GumboArenaTest, ADocumentParsedInItsArenaReadsAsBefore) {
  std::string html = "<html><head><title>T</title></head><body>";
  for (int i = 0; i < 2000; ++i) {
    html += "<p class='c" + std::to_string(i) + "' data-x=\"" + std::string(20, 'v') +
            "\">paragraph " + std::to_string(i) + " 中文</p>";
  }
  html += "<p id=last>end</p></body></html>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  EXPECT_EQ(InlineText(testing::FindById(doc.root(), "last")), "end");
  // What Gumbo freed while parsing stays in the arena until the document dies: bounded by a
  // small multiple of the input (6-12x on real pages, see html_document.cc).
  EXPECT_GT(doc.parser_bytes(), html.size());
  EXPECT_LT(doc.parser_bytes(), 32 * html.size());
}

}  // namespace
}  // namespace strata::parser
