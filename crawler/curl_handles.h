// RAII owners for libcurl's C handles, so that every error path frees what it allocated and a
// handle cannot be freed twice. Private to crawler/ (callers outside see only FetchLoop).
//
// Thread-safety: an owner is a unique_ptr; libcurl's own rule applies (one handle, one thread at
// a time: libcurl-thread(3)).
#pragma once

#include <curl/curl.h>

#include <memory>

namespace strata::crawler {

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlFreeDeleter {
  void operator()(char* text) const { curl_free(text); }
};

using CurlEasyPtr = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMultiPtr = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistDeleter>;
using CurlUrlPtr = std::unique_ptr<CURLU, CurlUrlDeleter>;
using CurlStringPtr = std::unique_ptr<char, CurlFreeDeleter>;  // strings libcurl allocated

}  // namespace strata::crawler
