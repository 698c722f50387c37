#include "parser/parked_text.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "parser/gumbo_arena.h"
#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

// The whole tree as text: node types, namespaces, tag names, attributes and text, so two
// parses compare equal exactly when Gumbo built the same tree.
void Serialize(const GumboNode* node, std::string* out) {
  out->append(std::to_string(node->type)).push_back(' ');
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      out->append(node->v.document.has_doctype ? "doctype:" : "").append(node->v.document.name);
      out->push_back('\n');
      for (unsigned i = 0; i < node->v.document.children.length; ++i) {
        Serialize(static_cast<const GumboNode*>(node->v.document.children.data[i]), out);
      }
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      const GumboElement& element = node->v.element;
      out->append(std::to_string(element.tag_namespace)).push_back(':');
      if (element.tag == GUMBO_TAG_UNKNOWN) {
        GumboStringPiece piece = element.original_tag;
        gumbo_tag_from_original_text(&piece);
        out->append(piece.data, piece.length);
      } else {
        out->append(gumbo_normalized_tagname(element.tag));
      }
      for (unsigned i = 0; i < element.attributes.length; ++i) {
        const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
        out->append(" ").append(attribute->name).append("=[").append(attribute->value);
        out->push_back(']');
      }
      out->append(" {\n");
      for (unsigned i = 0; i < element.children.length; ++i) {
        Serialize(static_cast<const GumboNode*>(element.children.data[i]), out);
      }
      out->append("}\n");
      return;
    }
    default:
      out->append("[").append(node->v.text.text).append("]\n");
  }
}

std::string SerializeDocument(const HtmlDocument& doc) {
  std::string out;
  Serialize(doc.document(), &out);
  return out;
}

// The tree Gumbo builds from the page as it is.
std::string PlainParse(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  std::string out;
  Serialize(output->document, &out);
  gumbo_destroy_output(&options, output);
  return out;
}

// Parses `html` through HtmlDocument (text parked when it can be) and compares the tree with
// Gumbo's own; returns how many runs were parked.
size_t ExpectSameTree(const std::string& html) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  EXPECT_EQ(doc.dropped_tags(), 0u);
  EXPECT_EQ(SerializeDocument(doc), PlainParse(html)) << "page: " << html.substr(0, 300);
  return doc.parked_runs();
}

// The runs ParkTextRuns takes out of `html`.
std::vector<std::string> RunsOf(std::string_view html) {
  std::string storage;
  const ParkedText parked = ParkTextRuns(html, &storage);
  return {parked.runs.begin(), parked.runs.end()};
}

size_t CountRunsWith(const std::vector<std::string>& runs, std::string_view word) {
  size_t count = 0;
  for (const std::string& run : runs) count += run.find(word) != std::string::npos ? 1 : 0;
  return count;
}

// Same tree, every run put back (no second parse), and each "text after" of the page parked:
// the scanner read the markup before it as Gumbo did.
void ExpectReadAsGumboReadsIt(const std::string& html) {
  const std::vector<std::string> runs = RunsOf(html);
  EXPECT_EQ(ExpectSameTree(html), runs.size()) << "parsed twice: " << html;
  EXPECT_EQ(CountRunsWith(runs, "text after"),
            static_cast<size_t>(testing::CountOccurrences(html, "text after")))
      << html;
}

constexpr char kArticle[] =
    "<!DOCTYPE html><html><head><title>A title long enough</title>"
    "<meta name=description content='a description &amp; more'></head><body>"
    "<nav><a href=/>Home page link</a></nav><article><h1>The headline of the post</h1>"
    "<p>First paragraph with <b>bold words</b> and a <a href='/x?a=1&amp;b=2'>link to it</a>.\n"
    "  It goes on for a while, &ldquo;quoted&rdquo; &#169; 2024.</p>"
    "<p>中文段落的文字内容，足够长以便被停放。日本語の文章もここにあります。</p>"
    "<pre>\n  code line one\n  code line two</pre></article></body></html>";

TEST(ParkedTextTest, ArticleTreeIsGumbosOwnAndRunsWereParked) {
  EXPECT_GE(ExpectSameTree(kArticle), 6u);
}

TEST(ParkedTextTest, RunsAreTheLongTextBetweenMarkup) {
  std::string storage;
  const ParkedText parked = ParkTextRuns(
      "<p>  short</p><p>\n  a run of plain text  </p><p>x &amp; y and more words", &storage);
  ASSERT_EQ(parked.runs.size(), 2u);
  EXPECT_EQ(parked.runs[0], "a run of plain text  ");  // leading whitespace stays outside
  EXPECT_EQ(parked.runs[1], "y and more words");       // a reference ends a run
  EXPECT_EQ(parked.html, "<p>  short</p><p>\n  \xF4\x80\x80\x80</p><p>x &amp; \xF4\x80\x80\x81");
}

TEST(ParkedTextTest, NothingParkedLeavesTheInput) {
  std::string storage;
  const std::string html = "<p>tiny</p><script>var long_enough_text = 1;</script>";
  const ParkedText parked = ParkTextRuns(html, &storage);
  EXPECT_TRUE(parked.runs.empty());
  EXPECT_EQ(parked.html.data(), html.data());
}

TEST(ParkedTextTest, TextGumboRewritesIsNotParked) {
  // '\r', NUL, controls, C1 controls, noncharacters and invalid UTF-8 end runs; the tree is
  // Gumbo's either way.
  const std::vector<std::string> pages = {
      "<p>line one of text\r\nline two of text\rline three</p>",
      std::string("<p>before the nul\0after the nul char</p>", 40),
      "<p>a control \x01 char and \x7f delete and \x0b vertical tab here</p>",
      "<p>c1 control \xC2\x85 next line and nbsp \xC2\xA0 kept as it is</p>",
      "<p>noncharacters \xEF\xB7\x90 and \xEF\xBF\xBE and \xF0\x9F\xBF\xBF in text</p>",
      "<p>invalid \xC0\xAF overlong \xE0\x80\xAF surrogate \xED\xA0\x80 cut \xE4\xB8 end</p>",
      "<p>cut at the end of the input \xE4\xB8",
      "<p>valid emoji \xF0\x9F\x98\x80 and plane 15 \xF3\xB0\x80\x80 private use here</p>",
  };
  for (const std::string& page : pages) ExpectSameTree(page);
}

std::string Utf8(uint32_t code_point) {
  std::string out;
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
  return out;
}

// Every code point of the BMP and a sample of planes 1-15, each between words: whatever a run
// takes in, Gumbo keeps as it is (the tree is Gumbo's own).
TEST(ParkedTextTest, EveryCodePointGumboRewritesStaysOutOfRuns) {
  size_t parked = 0;
  for (uint32_t block = 0; block < 0x100000; block += 0x100) {
    if (block >= 0xD800 && block < 0xE000) continue;  // surrogates: not encodable
    // Planes 1-15: a sample, with each plane's last block (its two noncharacters).
    if (block >= 0x10000 && (block >> 8) % 16 != 0 && (block & 0xFFFF) != 0xFF00) continue;
    std::string page = "<p>";
    for (uint32_t code_point = block; code_point < block + 0x100; ++code_point) {
      page += "word" + Utf8(code_point) + "word ";
    }
    parked += ExpectSameTree(page);
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(parked, 500u);
}

TEST(ParkedTextTest, CharacterReferencesStayForGumbo) {
  const std::vector<std::string> pages = {
      "<p>&amp;long text after a reference &notit; and &notin; and &ampxyz more</p>",
      "<p>&#65;&#x42;&#67 numeric ones without semicolons &#x44 then text</p>",
      "<p>&#0; &#xD800; &#x110000; &#128; &#x80; &#x9F; odd numbers then text</p>",
      "<p>&unknownentity; and &; and & alone and &# and &#x; with more text</p>",
      "<p title='a &amp; b &#x10FFFF; attribute'>text after an attribute reference</p>",
  };
  for (const std::string& page : pages) ExpectSameTree(page);
}

TEST(ParkedTextTest, PagesThatMayHoldStandInCharactersAreNotParked) {
  // A plane-16 character in the page, or a numeric reference to one, would read as a stand-in.
  for (const std::string& page : {
           std::string("<p>some text \xF4\x80\x80\x80 with a plane-16 character</p>"),
           std::string("<p>some long text &#x100000; with a reference to one</p>"),
           std::string("<p>some long text &#1048576; decimal this time</p>"),
           std::string("<p>long text first</p><![CDATA[ x ]]><p>&#x10FFFD; after a stop</p>"),
           std::string("<p>long text first</p><plaintext>\xF4\x80\x80\x81 plane 16"),
       }) {
    EXPECT_TRUE(RunsOf(page).empty()) << page;
    EXPECT_EQ(ExpectSameTree(page), 0u) << page;
  }
  // In an attribute it does not matter: attributes are never parked.
  ExpectSameTree("<p title='\xF4\x80\x80\x80'>some long text after it</p>");
}

TEST(ParkedTextTest, MarkupIsReadAsTheTokenizerReadsIt) {
  const std::vector<std::string> pages = {
      "<p title='quoted > still in the tag' data-x=\"a>b\">text after the tag</p>",
      "<p a=unquoted\"'<=` b = 'spaced' c>text after odd attributes</p>",
      "<p \"quote-named attribute>text after a quote-named attribute</p>",
      "<p/ x=y/>text after a self-closing slash in the middle</p>",
      "<div>text before an end tag</div title='x>y'>text after the end tag's attribute",
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD >HTML\" \"x\"><p>text after a doctype</p>",
      "<!-- comment with > inside --><p>text after a comment</p>"
      "<!--> text after an empty comment<!---> more text after another one",
      "<!-- ends with bang --!> text after a bang comment <!-- -- - --> text after dashes",
      "<!-- ends with three dashes ---> text after three dashes",
      "<?php echo 'x'; ?> text after a processing instruction",
      "</ bogus end tag> text after a bogus comment </> text after an empty end tag",
      "a < b and c <3 d text with lone angle brackets in it <",
      "<p>text then a tag cut off at the end <a href='x",
      "<p>text then a comment cut off at the end <!-- never closed",
  };
  for (const std::string& page : pages) ExpectReadAsGumboReadsIt(page);
}

TEST(ParkedTextTest, RawTextElementsAreNotParked) {
  // Text inside raw-text elements is never parked (it says "raw"); the tree is Gumbo's.
  const std::vector<std::string> pages = {
      "<title>a raw title of a page &amp; more</title><textarea>\nsome raw text area</textarea>",
      "<script>var s = '<p>raw, not markup at all</p>';</script><p>text after the script</p>",
      "<script><!--<script>doubly escaped raw</script> still in the script "
      "--></script><p>after</p>",
      "<script><!--<script>never closed properly raw",
      "<style>p { color: red; } /* <p>raw, not markup</p> */</style><p>text after style</p>",
      "<xmp><p>xmp text is raw</p></xmp><iframe>iframe text is raw too</iframe>"
      "<noembed>noembed raw text here</noembed><noframes>noframes raw text</noframes>",
      "<SCRIPT type=text/javascript>upper case raw script</SCRIPT ><p>text after it</p>",
      "<p>text after a paragraph</p><plaintext>everything <b>raw</b> is text to the end</p>",
      "<select><iframe>ignored start tag, raw</iframe><option>an option's text</select>",
      "<svg><title>svg raw title text</title><style>svg raw style text</style></svg>",
      "<math><mi>math identifier text</mi><mtext>more math text</mtext></math>",
      "<svg><![CDATA[ cdata raw text that is long ]]> raw text after the cdata</svg>",
      "<p><![CDATA[ html cdata, a raw bogus comment ]]> raw text after it</p>",
  };
  for (const std::string& page : pages) {
    ExpectSameTree(page);
    EXPECT_EQ(CountRunsWith(RunsOf(page), "raw"), 0u) << page;
  }
  // Where the scanner and Gumbo disagree on a script's end, the page is parsed again.
  const std::string escaped = pages[2];
  EXPECT_EQ(ExpectSameTree(escaped + "<p>text after the script"), 0u);
  ExpectReadAsGumboReadsIt(pages[7]);
}

TEST(ParkedTextTest, EveryInsertionModeBuildsTheSameTree) {
  const std::vector<std::string> pages = {
      "leading text before any tag at all<p>then a paragraph of text",
      "<html>text in html before head</html>text after html end tag",
      "<head>text in the head element</head><body>body text here</body>",
      "<head><noscript>text in noscript in the head</noscript></head>",
      "<body><noscript><p>noscript text in the body</p></noscript>",
      "<table>text foster-parented out of the table<tr><td>cell text here</td>"
      "  more table text </tr>  trailing table text</table>",
      "<table><colgroup>text in a column group<col></colgroup></table>",
      "<table><caption>caption text here</caption><tbody>tbody text</tbody></table>",
      "<select>select text here<optgroup>group text</optgroup></select>",
      "<template>template text here<p>paragraph in template</p></template>",
      "<pre>\nfirst newline dropped in pre</pre><listing>\nlisting text here</listing>",
      "<textarea>\nfirst newline dropped in textarea</textarea>",
      "<p>text</p></body>text after the body ends</html>text after the html ends",
      "<b>bold <i>both text here</b> italic text</i> adoption agency text",
      "<p><table>table inside a paragraph text</table>text after the table",
  };
  for (const std::string& page : pages) ExpectSameTree(page);
}

TEST(ParkedTextTest, FramesetTextFallsBackToAPlainParse) {
  // Frameset modes drop non-space text: a stand-in would vanish, so the page is parsed again.
  const std::string page = "<frameset>text dropped in a frameset <frame></frameset>more text here";
  EXPECT_EQ(ExpectSameTree(page), 0u);
}

TEST(ParkedTextTest, RestoreRefusesAStandInOutsideNormalText) {
  // Stand-ins where a misread page would leave them (an attribute, a comment, a script), one
  // twice, one for no run, and none at all: each is a failure to restore.
  const std::string run = "a run of plain text";
  ParkedText parked;
  parked.runs = {run};
  for (const std::string& html : {
           std::string("<p title='\xF4\x80\x80\x80'>x</p>"),
           std::string("<p><!--\xF4\x80\x80\x80--></p>"),
           std::string("<script>\xF4\x80\x80\x80</script>"),
           std::string("<p>\xF4\x80\x80\x80 and again \xF4\x80\x80\x80</p>"),
           std::string("<p>\xF4\x80\x80\x81 is not a run</p>"),
           std::string("<p>no stand-in at all</p>"),
       }) {
    parked.html = html;
    GumboArena arena(1 << 12);
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboArena::GumboAllocate;
    options.deallocator = &GumboArena::GumboDeallocate;
    options.userdata = &arena;
    GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
    EXPECT_FALSE(RestoreParkedText(parked, output, &arena)) << html;
  }
}

TEST(ParkedTextTest, StandInsStopAtTheirLimitAndTheRestStays) {
  std::string page;
  for (size_t i = 0; i < kMaxParkedRuns + 10; ++i) page += "<br>a run of text " + std::to_string(i);
  EXPECT_EQ(ExpectSameTree(page), kMaxParkedRuns);
}

TEST(ParkedTextTest, FixturePagesKeepTheirTrees) {
  size_t pages = 0;
  size_t parked_pages = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(STRATA_TEST_DATA_DIR))) {
    if (entry.path().extension() != ".html") continue;
    const std::string html = testing::ReadFixture(
        std::filesystem::relative(entry.path(), STRATA_TEST_DATA_DIR).string());
    ++pages;
    if (ExpectSameTree(html) > 0) ++parked_pages;
  }
  EXPECT_GE(pages, 30u);
  EXPECT_GE(parked_pages, pages * 9 / 10);
}

// Random pages from pieces that stress where markup and text meet: whatever the mix, the tree
// is Gumbo's own.
TEST(ParkedTextTest, RandomPagesKeepTheirTrees) {
  const std::vector<std::string> pieces = {
      "<p>",
      "</p>",
      "<div class='a>b'>",
      "</div>",
      "<table>",
      "<tr>",
      "<td>",
      "</table>",
      "<select>",
      "<option>",
      "<frameset>",
      "<frame>",
      "<svg>",
      "</svg>",
      "<math>",
      "<![CDATA[",
      "]]>",
      "<!--",
      "-->",
      "--!>",
      "<script>",
      "</script>",
      "<!--<script>",
      "<style>",
      "</style>",
      "<title>",
      "</title>",
      "<textarea>",
      "<pre>",
      "\n",
      "\r\n",
      "\r",
      std::string(1, '\0'),
      "&amp;",
      "&notit;",
      "&#x41;",
      "&#1048576;",
      "&",
      "<",
      ">",
      "'",
      "\"",
      "=",
      "/",
      "<a href=x",
      " ",
      "\t",
      "\xC2\x85",
      "\xEF\xBF\xBE",
      "\xE4\xB8",
      "中文文字",
      "\xF4\x80\x80\x80",
      "<template>",
      "</template>",
      "</body>",
      "</html>",
      "<plaintext>",
      "<b>",
      "<i>",
      "</b>",
      "<noscript>",
      "<head>",
      "<?x>",
      "</ x>",
      "<!DOCTYPE x>",
  };
  const std::vector<std::string> words = {"some text", "more words here ", "tail   ",
                                          "a longer run of plain words"};
  std::mt19937 random(20261129);
  int parked_pages = 0;
  int fallbacks = 0;  // runs parked, then the page parsed again as it is
  for (int page_index = 0; page_index < 3000; ++page_index) {
    std::string page;
    const int length = 1 + static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) {
      if (random() % 3 == 0) {
        page += words[random() % words.size()];
      } else {
        page += pieces[random() % pieces.size()];
      }
    }
    std::string storage;
    const bool parkable = !ParkTextRuns(page, &storage).runs.empty();
    const size_t parked = ExpectSameTree(page);
    parked_pages += parked > 0 ? 1 : 0;
    fallbacks += parkable && parked == 0 ? 1 : 0;
    if (::testing::Test::HasFailure()) break;
  }
  // Both paths were taken, the parked one most of the time.
  EXPECT_GE(parked_pages, 1000);
  EXPECT_GE(fallbacks, 10);
  std::printf("parked %d pages, fell back on %d\n", parked_pages, fallbacks);
}

}  // namespace
}  // namespace strata::parser
