// The small article pair the renderer tests share: an edited paragraph, a deleted one, an
// inserted one holding markup that must be escaped, and a changed title.
#pragma once

#include "common/article.h"
#include "storage/diff.h"

namespace strata::storage::testing {

inline Article RenderFrom() {
  Article a;
  a.title = "Hello";
  a.tags = {"web"};
  a.body =
      "Intro paragraph stays.\n"
      "The quick brown fox.\n"
      "Drop this one.\n"
      "Last words.\n";
  return a;
}

inline Article RenderTo() {
  Article a = RenderFrom();
  a.title = "Hello, world";
  a.body =
      "Intro paragraph stays.\n"
      "The quick red fox.\n"
      "A <script>alert(\"x\")</script> & more.\n"
      "Last words.\n";
  return a;
}

inline ArticleDiff RenderDiff() { return CompareArticles(RenderFrom(), RenderTo()); }

}  // namespace strata::storage::testing
