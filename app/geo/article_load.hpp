// Loading geodata/article.json (built by geodata/build_article.py) into the core Article.
// Depends on core and nlohmann-json; no GL, no UI.
#pragma once

#include <string>

#include "core/article.hpp"
#include "core/errors.hpp"

namespace atlas {

inline constexpr const char* kArticleFile = "article.json";

// Reads and checks `dir`/article.json. Throws DataError as "FILE:LINE: what is wrong" for the
// first problem: unreadable file, malformed JSON, a missing or mistyped field, an empty or
// duplicate passage id, a section listing a passage that does not exist or belongs elsewhere, a
// passage in no section, a footnote cited by no passage or a passage citing no footnote.
Article load_article(const std::string& dir);

}  // namespace atlas
