// ICU's normaliser for the decomposition, its character properties for the marks, and its
// full case folding.
#include "fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace atlas {

std::string fold_for_search(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    // ICU owns these singletons for the process; they are immutable and safe to share.
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    if (U_FAILURE(status)) return std::string(text);
    icu::UnicodeString decomposed = nfd->normalize(in, status);
    if (U_FAILURE(status)) return std::string(text);
    icu::UnicodeString bare;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
        i += U16_LENGTH(c);
    }
    bare.foldCase(U_FOLD_CASE_DEFAULT);
    const icu::UnicodeString out = nfc->normalize(bare, status);
    std::string utf8;
    (U_FAILURE(status) ? bare : out).toUTF8String(utf8);
    return utf8;
}

}  // namespace atlas
