// The article's title: the best of JSON-LD headline, og:title, <title> and <h1>, without the
// site decoration pages add ("标题 - 作者 - 博客园", "Title | Example Blog",
// "标题_分类_作者_InfoQ写作社区" become "标题" / "Title").
//
// Stripping is conservative: a segment is removed only when it is recognisably not the title
// (the site's name or host, a known community's name, the author, a tag or section), and at
// least one segment always stays. A visible <h1> that the declared title starts with is the
// strongest evidence of where the title ends.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

struct TitleSources {
  std::string_view json_ld_headline;
  std::string_view microdata_headline;  // itemprop="headline" (an element's text or content)
  std::string_view og_title;            // og:title, else twitter:title
  std::string_view html_title;          // <title>
  std::vector<std::string> h1s;         // visible <h1> texts, document order
  // Hints for recognising decoration.
  std::string_view site_name;                 // og:site_name, JSON-LD publisher, application-name
  std::vector<std::string> extra_site_names;  // a site profile's site_names
  std::string_view host;                      // "www.cnblogs.com"
  std::string_view author;
  std::vector<std::string> categories;  // tags and sections
};

std::string ChooseTitle(const TitleSources& sources);

// Removes leading and trailing decoration segments from `title` (see the file comment).
std::string StripSiteDecoration(std::string_view title, const TitleSources& hints);

}  // namespace strata::parser
