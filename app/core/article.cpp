// Queries over the Article model. Pure C++.
#include "article.hpp"

namespace atlas {

const Passage* Article::passage(const std::string& id) const {
    for (const auto& p : passages)
        if (p.id == id) return &p;
    return nullptr;
}

}  // namespace atlas
