// Fuzz target: a scene's drawings (tour.csv's `annotations` column, documented in
// geodata/README.md). Whatever parses must format to a canonical text that parses again to the
// same shapes and formats to the same text.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/annotation.hpp"
#include "fuzz_support.hpp"

using namespace atlas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    const auto parsed = parse_annotations(text, error);
    if (!parsed) {
        if (error.empty()) fuzz::property_failed("drawings refused without a message");
        return 0;
    }
    const std::string canonical = format_annotations(*parsed);
    const auto again = parse_annotations(canonical, error);
    if (!again) fuzz::property_failed("the canonical text '" + canonical + "' does not parse: " + error);
    if (format_annotations(*again) != canonical)
        fuzz::property_failed("'" + canonical + "' formats as '" + format_annotations(*again) + "'");
    return 0;
}
