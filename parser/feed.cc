#include "parser/feed.h"

#include <pugixml.hpp>

#include <set>

#include "common/url.h"
#include "parser/date_parse.h"
#include "parser/xml_names.h"

namespace strata::parser {
namespace {

std::string Text(const pugi::xml_node& node) {
  std::string text = node.text().get();
  // Collapse white space: titles in feeds are often wrapped.
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string Resolve(std::string_view base, std::string_view href) {
  while (!href.empty() && (href.front() == ' ' || href.front() == '\n' || href.front() == '\t')) {
    href.remove_prefix(1);
  }
  while (!href.empty() && (href.back() == ' ' || href.back() == '\n' || href.back() == '\t')) {
    href.remove_suffix(1);
  }
  if (href.empty()) return "";
  std::optional<std::string> absolute = ResolveUrl(base, href);
  if (!absolute || !IsHttpUrl(*absolute)) return "";
  return NormalizeUrl(*absolute).value_or("");
}

std::string Date(const pugi::xml_node& node) {
  if (!node) return "";
  return NormalizeDate(Text(node)).value_or("");
}

// An Atom <link> (or atom:link inside RSS) with rel `rel` ("alternate" also matches a link
// without rel), or an empty node.
pugi::xml_node AtomLink(const pugi::xml_node& parent, std::string_view rel) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() != pugi::node_element || LocalName(child) != "link") continue;
    if (!child.attribute("href")) continue;
    const std::string_view link_rel = child.attribute("rel").value();
    if (link_rel == rel || (rel == "alternate" && link_rel.empty())) return child;
  }
  return {};
}

void ReadRssItem(const pugi::xml_node& item, std::string_view base, Feed* feed) {
  ListedPost post;
  // <link> holds the URL; a <guid isPermaLink="true"> (the default) is the fallback.
  if (pugi::xml_node link = Child(item, "link"); link && link.text()) {
    post.url = Resolve(base, Text(link));
  }
  if (post.url.empty()) {
    if (pugi::xml_node atom = AtomLink(item, "alternate")) {
      post.url = Resolve(base, atom.attribute("href").value());
    }
  }
  if (post.url.empty()) {
    pugi::xml_node guid = Child(item, "guid");
    if (guid && std::string_view(guid.attribute("isPermaLink").value()) != "false") {
      post.url = Resolve(base, Text(guid));
    }
  }
  if (post.url.empty()) return;
  if (pugi::xml_node guid = Child(item, "guid")) post.id = Text(guid);
  post.title = Text(Child(item, "title"));
  post.published = Date(Child(item, "pubDate"));
  if (post.published.empty()) post.published = Date(Child(item, "date"));  // dc:date
  post.modified = Date(Child(item, "updated"));                            // atom:updated
  feed->entries.push_back(std::move(post));
}

void ReadAtomEntry(const pugi::xml_node& entry, std::string_view base, Feed* feed) {
  ListedPost post;
  if (pugi::xml_node link = AtomLink(entry, "alternate")) {
    post.url = Resolve(base, link.attribute("href").value());
  }
  if (post.url.empty()) return;
  post.id = Text(Child(entry, "id"));
  post.title = Text(Child(entry, "title"));
  post.published = Date(Child(entry, "published"));
  post.modified = Date(Child(entry, "updated"));
  if (post.published.empty()) post.published = post.modified;
  feed->entries.push_back(std::move(post));
}

}  // namespace

bool LooksLikeFeed(std::string_view body) {
  const std::string_view head = body.substr(0, 2048);
  return head.find("<rss") != std::string_view::npos ||
         head.find("<feed") != std::string_view::npos ||
         head.find("<rdf:RDF") != std::string_view::npos;
}

Result<Feed> ParseFeed(std::string_view body, std::string_view feed_url) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_trim_pcdata);
  if (!parsed) {
    return Status::InvalidArgument("not a feed: not XML (" + std::string(parsed.description()) +
                                   " at byte " + std::to_string(parsed.offset) + ")");
  }
  const pugi::xml_node root = doc.document_element();
  const std::string_view root_name = LocalName(root);
  Feed feed;
  const std::string base(feed_url);
  if (root_name == "rss") {
    const pugi::xml_node channel = Child(root, "channel");
    feed.title = Text(Child(channel, "title"));
    for (pugi::xml_node item : channel.children()) {
      if (item.type() == pugi::node_element && LocalName(item) == "item") {
        ReadRssItem(item, base, &feed);
      }
    }
    if (pugi::xml_node next = AtomLink(channel, "next")) {
      feed.next_url = Resolve(base, next.attribute("href").value());
    }
  } else if (root_name == "RDF") {  // RSS 1.0: items are siblings of the channel
    feed.title = Text(Child(Child(root, "channel"), "title"));
    for (pugi::xml_node item : root.children()) {
      if (item.type() == pugi::node_element && LocalName(item) == "item") {
        ReadRssItem(item, base, &feed);
      }
    }
  } else if (root_name == "feed") {
    feed.title = Text(Child(root, "title"));
    for (pugi::xml_node entry : root.children()) {
      if (entry.type() == pugi::node_element && LocalName(entry) == "entry") {
        ReadAtomEntry(entry, base, &feed);
      }
    }
    if (pugi::xml_node next = AtomLink(root, "next")) {
      feed.next_url = Resolve(base, next.attribute("href").value());
    }
  } else {
    return Status::InvalidArgument("not a feed: the root element is <" + std::string(root.name()) +
                                   ">");
  }
  // A feed that lists a post twice (updated entries in some generators) lists it once here.
  std::set<std::string> seen;
  std::erase_if(feed.entries, [&](const ListedPost& p) { return !seen.insert(p.url).second; });
  return feed;
}

}  // namespace strata::parser
