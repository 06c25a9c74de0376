// Fuzz target: article.json through the real loader, then checked against the shipped facts and
// map as the program checks it (every passage the facts cite must exist).
#include <cstdint>
#include <string>

#include "core/errors.hpp"
#include "fuzz_support.hpp"
#include "geo/article_load.hpp"
#include "text/fold.hpp"

using namespace atlas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::Shipped& shipped = fuzz::shipped();
    const std::string& dir = fuzz::data_copy();
    const std::string path = dir + "/" + kArticleFile;
    fuzz::write_file(path, data, size);
    try {
        const Article article = load_article(dir);
        (void)validate(shipped.facts, shipped.world, article, fold_for_search);
    } catch (const DataError& e) {
        if (std::string(e.what()).empty()) fuzz::property_failed("an article refused without a message");
    }
    return 0;
}
