#include "storage/text_diff.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::storage {
namespace {

// "same [-old-]{+new+}": the spans in wdiff notation.
std::string Show(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) {
    if (s.op == SpanOp::kEqual) out += s.text;
    if (s.op == SpanOp::kDelete) out += "[-" + s.text + "-]";
    if (s.op == SpanOp::kInsert) out += "{+" + s.text + "+}";
  }
  return out;
}

std::string Diff(std::string_view a, std::string_view b, Granularity g) {
  const std::vector<Span> spans = DiffText(a, b, g);
  EXPECT_EQ(OldText(spans), a);
  EXPECT_EQ(NewText(spans), b);
  return Show(spans);
}

TEST(GranularityTest, NamesRoundTrip) {
  for (Granularity g :
       {Granularity::kLine, Granularity::kWord, Granularity::kChar, Granularity::kAuto}) {
    EXPECT_EQ(ParseGranularity(GranularityName(g)), g);
  }
  EXPECT_FALSE(ParseGranularity("words").has_value());
}

TEST(ResolveGranularityTest, AutoIsCharForCjkAndWordOtherwise) {
  EXPECT_EQ(ResolveGranularity(Granularity::kAuto, "第二段。", "第二段，有修改。"),
            Granularity::kChar);
  EXPECT_EQ(ResolveGranularity(Granularity::kAuto, "A paragraph.", "A changed paragraph."),
            Granularity::kWord);
  EXPECT_EQ(ResolveGranularity(Granularity::kLine, "第二段。", "第"), Granularity::kLine);
}

TEST(DiffTextTest, WordGranularityReplacesWholeWords) {
  EXPECT_EQ(Diff("The quick brown fox", "The quick red fox", Granularity::kWord),
            "The quick [-brown-]{+red+} fox");
  EXPECT_EQ(Diff("recieve it", "receive it", Granularity::kWord), "[-recieve-]{+receive+} it");
}

TEST(DiffTextTest, CharGranularityShowsTheLetters) {
  EXPECT_EQ(Diff("recieve it", "receive it", Granularity::kChar), "rec[-i-]e{+i+}ve it");
}

TEST(DiffTextTest, LineGranularityReplacesTheWholeText) {
  EXPECT_EQ(Diff("a b c", "a x c", Granularity::kLine), "[-a b c-]{+a x c+}");
  EXPECT_EQ(Diff("same", "same", Granularity::kLine), "same");
}

TEST(DiffTextTest, ChineseIsComparedPerCharacter) {
  EXPECT_EQ(Diff("第二段。", "第二段，有修改。", Granularity::kWord), "第二段{+，有修改+}。");
  EXPECT_EQ(Diff("交给一个线程管理", "交给同一个线程管理", Granularity::kAuto),
            "交给{+同+}一个线程管理");
}

TEST(DiffTextTest, AutoUsesCharactersForLatinInsideCjk) {
  // Per word, "multi" and "multis" would be two different words; per character (auto, since
  // the text is mostly CJK) only the "s" is new.
  EXPECT_EQ(Diff("用 multi 接口管理传输", "用 multis 接口管理传输", Granularity::kWord),
            "用 [-multi-]{+multis+} 接口管理传输");
  EXPECT_EQ(Diff("用 multi 接口管理传输", "用 multis 接口管理传输", Granularity::kAuto),
            "用 multi{+s+} 接口管理传输");
}

TEST(DiffTextTest, WhitespaceBetweenChangesJoinsThem) {
  EXPECT_EQ(Diff("one two three four", "one 2 3 four", Granularity::kWord),
            "one [-two three-]{+2 3+} four");
}

TEST(DiffTextTest, InsertionsAndDeletionsAtTheEdges) {
  EXPECT_EQ(Diff("", "new text", Granularity::kWord), "{+new text+}");
  EXPECT_EQ(Diff("old text", "", Granularity::kWord), "[-old text-]");
  EXPECT_EQ(Diff("b c", "a b c d", Granularity::kWord), "{+a +}b c{+ d+}");
  EXPECT_TRUE(DiffText("", "", Granularity::kWord).empty());
}

TEST(DiffTextTest, EmojiAndCombiningMarksAreNotSplit) {
  // The skin tone changes: the whole emoji is replaced, never half of it.
  EXPECT_EQ(Diff("ok \U0001F44D\U0001F3FB!", "ok \U0001F44D\U0001F3FF!", Granularity::kChar),
            "ok [-\U0001F44D\U0001F3FB-]{+\U0001F44D\U0001F3FF+}!");
  EXPECT_EQ(Diff("cafe\u0301", "cafe", Granularity::kChar), "caf[-e\u0301-]{+e+}");
}

TEST(DiffTextTest, InvalidUtf8IsComparedBytewise) {
  EXPECT_EQ(Diff("ab\xff"
                 "cd",
                 "ab\xfe"
                 "cd",
                 Granularity::kChar),
            "ab[-\xff-]{+\xfe+}cd");
}

// A paragraph of `sentences` distinct sentences of ten words each.
std::string LongParagraph(int sentences, const std::string& tag) {
  std::string text;
  for (int s = 0; s < sentences; ++s) {
    for (int w = 0; w < 10; ++w) text += tag + std::to_string(s * 10 + w) + " ";
    text += ". ";
  }
  return text;
}

TEST(DiffTextTest, VeryLongParagraphsAreAlignedBySentenceFirst) {
  // 30,000 tokens on each side, with one word changed: sentence alignment keeps the result
  // exact and the work small.
  const std::string from = LongParagraph(1000, "w");
  std::string to = from;
  to.replace(to.find("w5000 "), 6, "CHANGED ");
  EXPECT_EQ(Show(DiffText(from, to, Granularity::kWord)).find("[-w5000-]{+CHANGED+}") !=
                std::string::npos,
            true);
  const std::vector<Span> spans = DiffText(from, to, Granularity::kWord);
  EXPECT_EQ(spans.size(), 4u);
  EXPECT_EQ(OldText(spans), from);
  EXPECT_EQ(NewText(spans), to);
}

TEST(DiffTextTest, HugeRewrittenParagraphIsReplacedWhole) {
  // Two unrelated paragraphs over the same small vocabulary, far above the work bound and
  // with no sentence in common: shown as one deletion and one insertion, quickly.
  std::string from;
  std::string to;
  for (int i = 0; i < 20000; ++i) {
    from += "abcdefghij"[i % 10];
    from += ' ';
    to += "abcdefghij"[(i * 7 + 3) % 10];
    to += ' ';
  }
  const std::vector<Span> spans = DiffText(from, to, Granularity::kWord);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], (Span{SpanOp::kDelete, from}));
  EXPECT_EQ(spans[1], (Span{SpanOp::kInsert, to}));
}

}  // namespace
}  // namespace strata::storage
