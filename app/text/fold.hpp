// Folding text for search, so that a name is found however a reader types it: case and accents
// fold in every script through ICU ("Chișinău" = "chisinau", "КАЗАХСТАН" = "казахстан").
// Depends on ICU only; no GL, no UI.
#pragma once

#include <string>
#include <string_view>

namespace atlas {

// `text` (UTF-8; malformed bytes become U+FFFD) decomposed (NFD), without its combining marks,
// case-folded (Unicode full case folding) and recomposed (NFC). Letters that are not a base
// letter plus marks are kept ("ø", "ß" folds to "ss"). Thread-safe.
std::string fold_for_search(std::string_view text);

}  // namespace atlas
