#include "storage/change_analysis.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/version_change.h"

namespace strata::storage {
namespace {

Article WithBody(const std::string& body) {
  Article a;
  a.title = "Driving libcurl's multi interface with Asio";
  a.author = "Alice";
  a.published = "2025-02-14";
  a.tags = {"c++", "curl"};
  a.body = body;
  return a;
}

const std::string kEnglish =
    "Many crawlers open one thread per request, which works for dozens of transfers.\n"
    "At thousands of transfers it stops working, because threads are expensive.\n"
    "The multi interface hands every transfer to one thread and one event loop.\n"
    "That loop must wait on exactly the sockets libcurl asks for, and nothing else.\n"
    "Then one thread drives every connection, and the CPU goes to parsing pages.\n";

const std::string kChinese =
    "很多爬虫为每个请求开一个线程，这在几十个并发时还能工作，到了几千个就不行了。\n"
    "libcurl 的 multi "
    "接口可以把成百上千个传输交给一个线程管理，但前提是事件循环要正确地等待它给出的套接字。\n"
    "做法是：CURLMOPT_SOCKETFUNCTION 告诉我们要等哪个套接字，CURLMOPT_TIMERFUNCTION "
    "告诉我们下一次超时。\n"
    "这样一个线程就能驱动所有连接，CPU 主要花在解析页面上。\n";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct Case {
  const char* name;
  std::string from;
  std::string to;
  EditClass expected;
};

TEST(EditClassNameTest, Names) {
  EXPECT_EQ(EditClassName(EditClass::kNone), "none");
  EXPECT_EQ(EditClassName(EditClass::kTypo), "typo");
  EXPECT_EQ(EditClassName(EditClass::kWording), "wording");
  EXPECT_EQ(EditClassName(EditClass::kSubstantive), "substantive");
  EXPECT_EQ(EditClassName(EditClass::kSectionAdded), "section added");
  EXPECT_EQ(EditClassName(EditClass::kSectionRemoved), "section removed");
  EXPECT_EQ(EditClassName(EditClass::kMetadataOnly), "metadata only");
  EXPECT_EQ(EditClassName(static_cast<EditClass>(200)), "unknown");
}

TEST(EditClassTest, ValuesAreFrozen) {
  // Stored in version records: these numbers must never change.
  EXPECT_EQ(static_cast<int>(EditClass::kNone), 0);
  EXPECT_EQ(static_cast<int>(EditClass::kTypo), 1);
  EXPECT_EQ(static_cast<int>(EditClass::kWording), 2);
  EXPECT_EQ(static_cast<int>(EditClass::kSubstantive), 3);
  EXPECT_EQ(static_cast<int>(EditClass::kSectionAdded), 4);
  EXPECT_EQ(static_cast<int>(EditClass::kSectionRemoved), 5);
  EXPECT_EQ(static_cast<int>(EditClass::kMetadataOnly), 6);
}

TEST(AnalyzeChangeTest, ClassificationTable) {
  const std::string en_section =
      "Update: shutdown order\n"
      "Readers asked about shutdown: remove and clean up every easy handle first, then call "
      "curl_multi_cleanup while the socket table still exists, and cancel the timer last.\n";
  const std::string zh_section =
      "更新：关闭顺序\n"
      "评论区有读者问到关闭顺序：先移除并清理所有 easy 句柄，再在套接字表仍然存在时调用 "
      "curl_multi_cleanup，最后取消定时器。\n";
  const std::vector<Case> cases = {
      {"en identical", kEnglish, kEnglish, EditClass::kNone},
      {"en typo", kEnglish, Replace(kEnglish, "threads are", "thraeds are"), EditClass::kTypo},
      {"en two typos", kEnglish,
       Replace(Replace(kEnglish, "expensive", "expensvie"), "sockets", "socket"), EditClass::kTypo},
      {"en punctuation", kEnglish, Replace(kEnglish, "request, which", "request; which"),
       EditClass::kTypo},
      {"en is->was is wording", kEnglish, Replace(kEnglish, "threads are", "threads were"),
       EditClass::kWording},
      {"en wording", kEnglish,
       Replace(kEnglish, "hands every transfer to one thread",
               "gives all the transfers to a single thread"),
       EditClass::kWording},
      {"en paragraphs moved", kEnglish,
       "Then one thread drives every connection, and the CPU goes to parsing pages.\n" +
           Replace(kEnglish,
                   "Then one thread drives every connection, and the CPU goes to parsing pages.\n",
                   ""),
       EditClass::kWording},
      {"en rewritten", kEnglish,
       "Crawlers that open a thread per request do not scale.\n"
       "Use an event loop instead; libcurl's multi interface supports one.\n"
       "Then one thread drives every connection, and the CPU goes to parsing pages.\n",
       EditClass::kSubstantive},
      {"en section added at the end", kEnglish, kEnglish + en_section, EditClass::kSectionAdded},
      {"en section added in the middle with a blank line", kEnglish,
       Replace(kEnglish, "The multi interface", en_section + "\nThe multi interface"),
       EditClass::kSectionAdded},
      {"en section added plus a typo", kEnglish,
       Replace(kEnglish, "expensive", "expensve") + en_section, EditClass::kSectionAdded},
      {"en paragraphs added in two places", kEnglish,
       "A new opening paragraph, unrelated to the rest.\n" + kEnglish + en_section,
       EditClass::kSubstantive},
      {"en section added plus rewording", kEnglish,
       Replace(kEnglish, "hands every transfer to one thread and one event loop",
               "lets a single thread with a single event loop own every transfer at once") +
           en_section,
       EditClass::kSubstantive},
      {"en section removed", kEnglish + en_section, kEnglish, EditClass::kSectionRemoved},
      {"en everything removed", kEnglish, "", EditClass::kSubstantive},
      {"en everything new", "", kEnglish, EditClass::kSubstantive},
      {"en paragraph replaced", kEnglish,
       Replace(kEnglish,
               "The multi interface hands every transfer to one thread and one event loop.",
               "Nothing here resembles what was written before in this place."),
       EditClass::kSubstantive},
      {"zh identical", kChinese, kChinese, EditClass::kNone},
      {"zh typo (one character)", kChinese, Replace(kChinese, "正确地等待", "正确的等待"),
       EditClass::kTypo},
      {"zh wording", kChinese,
       Replace(kChinese, "交给一个线程管理，但前提是事件循环要正确地等待它给出的套接字",
               "交给同一个线程管理，前提是事件循环正确地等待它交出的每一个套接字"),
       EditClass::kWording},
      {"zh section added", kChinese, kChinese + zh_section, EditClass::kSectionAdded},
      {"zh section removed", kChinese + zh_section, kChinese, EditClass::kSectionRemoved},
      {"zh rewritten", kChinese,
       "爬虫不应该为每个请求开线程。\n应该用事件循环，libcurl 的 multi 接口支持这种做法。\n",
       EditClass::kSubstantive},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EditClassName(AnalyzeChange(WithBody(c.from), WithBody(c.to)).edit_class),
              EditClassName(c.expected))
        << c.name;
  }
}

TEST(AnalyzeChangeTest, AStoredSummaryDescribesTheChangeAsTheAnalysisDid) {
  // What hooks say of a version read back from the archive must equal what the analysis said.
  const Article from = WithBody(kChinese);
  Article to = WithBody(Replace(kChinese, "几十个", "几百个") + "新的一段。\n");
  to.title = "A new title";
  const ChangeAnalysis analysis = AnalyzeChange(from, to);
  const ChangeAnalysis stored = AnalysisOf(SummarizeChange(from, to, 1));
  EXPECT_EQ(DescribeChange(stored), DescribeChange(analysis));
  EXPECT_EQ(stored.fields, analysis.fields);
  EXPECT_EQ(stored.blocks_changed, analysis.blocks_changed);
  EXPECT_EQ(stored.chars_added, analysis.chars_added);
}

TEST(AnalyzeChangeTest, MetadataOnly) {
  const Article from = WithBody(kEnglish);
  Article to = from;
  to.title = "Driving libcurl's multi interface with Boost.Asio";
  to.tags = {"c++"};
  const ChangeAnalysis a = AnalyzeChange(from, to);
  EXPECT_EQ(a.edit_class, EditClass::kMetadataOnly);
  EXPECT_EQ(a.fields, (std::vector<std::string>{"title", "tags"}));
  EXPECT_EQ(a.blocks_added + a.blocks_removed + a.blocks_changed + a.blocks_moved, 0);
  EXPECT_EQ(a.chars_added + a.chars_removed, 0);
}

TEST(AnalyzeChangeTest, CountersAndDerivedFieldsAreNotChanges) {
  const Article from = WithBody(kEnglish);
  Article to = from;
  to.counters.views = 1000;
  to.body_html = "<p>...</p>";
  to.links = {"https://example.org/"};
  EXPECT_EQ(AnalyzeChange(from, to), ChangeAnalysis{});
}

TEST(AnalyzeChangeTest, FinalNewlineAloneIsATypo) {
  const ChangeAnalysis a = AnalyzeChange(WithBody("one\ntwo\n"), WithBody("one\ntwo"));
  EXPECT_EQ(a.fields, (std::vector<std::string>{"body"}));
  EXPECT_EQ(a.edit_class, EditClass::kTypo);
}

TEST(AnalyzeChangeTest, CountsBlocksAndCodePoints) {
  const std::string from = "Keep this.\nKeep that.\nEdit the old word here.\nDrop me.\nMove me.\n";
  const std::string to =
      "Move me.\nKeep this.\nKeep that.\nEdit the new word here.\n\nBrand 新 paragraph.\n";
  Article a = WithBody(from);
  Article b = WithBody(to);
  b.author = "Bob";
  const ChangeAnalysis c = AnalyzeChange(a, b);
  EXPECT_EQ(c.fields, (std::vector<std::string>{"author", "body"}));
  EXPECT_EQ(c.blocks_added, 1);    // "Brand 新 paragraph." (the blank line does not count)
  EXPECT_EQ(c.blocks_removed, 1);  // "Drop me."
  EXPECT_EQ(c.blocks_changed, 1);  // old -> new
  EXPECT_EQ(c.blocks_moved, 1);    // "Move me."
  // Added: "new" (3) + "Brand 新 paragraph." (18); removed: "old" (3) + "Drop me." (8).
  EXPECT_EQ(c.chars_added, 3 + 18);
  EXPECT_EQ(c.chars_removed, 3 + 8);
  EXPECT_EQ(c.edit_class, EditClass::kSubstantive);
}

TEST(AnalyzeChangeTest, ChineseCountsCharactersNotBytes) {
  const ChangeAnalysis c =
      AnalyzeChange(WithBody("第一段。\n第二段。\n"), WithBody("第一段。\n第二段，有修改。\n"));
  EXPECT_EQ(c.blocks_changed, 1);
  EXPECT_EQ(c.chars_removed, 0);
  EXPECT_EQ(c.chars_added, 4);  // ，有修改 (the final 。 is kept)
}

TEST(AnalyzeChangeTest, LargeBodiesStayCheap) {
  // 1 MB on each side with scattered edits: the analysis must not go quadratic. (No timing
  // here: bench/diff/ measures; this guards correctness at size.)
  std::string from;
  std::string to;
  for (int i = 0; from.size() < (1 << 20); ++i) {
    const std::string p = "Paragraph " + std::to_string(i) +
                          " says something about crawling and archiving the web, at length.\n";
    from += p;
    to += i % 100 == 7 ? "Paragraph " + std::to_string(i) +
                             " says something about crawling and archiving the web, at depth.\n"
                       : p;
  }
  const ChangeAnalysis c = AnalyzeChange(WithBody(from), WithBody(to));
  EXPECT_GT(c.blocks_changed, 100);
  EXPECT_EQ(c.blocks_added, 0);
  EXPECT_EQ(c.chars_added, 5 * c.blocks_changed);  // "depth"
  EXPECT_EQ(c.edit_class, EditClass::kWording);
}

TEST(DescribeChangeTest, ReadsLikeASentence) {
  EXPECT_EQ(DescribeChange(ChangeAnalysis{}), "none");
  ChangeAnalysis a;
  a.fields = {"title", "body", "tags"};
  a.edit_class = EditClass::kMetadataOnly;
  EXPECT_EQ(DescribeChange(a), "metadata only (title, tags)");
  a.edit_class = EditClass::kTypo;
  a.blocks_changed = 1;
  a.chars_added = a.chars_removed = 1;
  EXPECT_EQ(DescribeChange(a), "typo (1 paragraph changed; +1 -1 characters)");
  a.edit_class = EditClass::kSectionAdded;
  a.blocks_added = 2;
  a.chars_added = 104;
  a.chars_removed = 3;
  EXPECT_EQ(DescribeChange(a), "section added (2 paragraphs added, 1 changed; +104 -3 characters)");
  a.blocks_added = 0;
  a.blocks_changed = 3;
  a.blocks_moved = 1;
  EXPECT_EQ(DescribeChange(a), "section added (3 paragraphs changed, 1 moved; +104 -3 characters)");
}

}  // namespace
}  // namespace strata::storage
