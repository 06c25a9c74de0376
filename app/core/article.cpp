// Queries over the Article model. Pure C++.
#include "article.hpp"

#include <algorithm>

#include <array>
#include <cctype>
#include <cstring>

namespace atlas {

const Passage* Article::passage(const std::string& id) const {
    for (const auto& p : passages)
        if (p.id == id) return &p;
    return nullptr;
}

int Article::index_of(const std::string& id) const {
    for (size_t i = 0; i < passages.size(); ++i)
        if (passages[i].id == id) return int(i);
    return -1;
}

std::vector<TextHit> find_in_article(const Article& article, const std::string& query) {
    std::vector<TextHit> out;
    if (query.empty()) return out;
    auto lower = [](unsigned char c) { return char(std::tolower(c)); };
    std::string q;
    for (char c : query) q += lower(static_cast<unsigned char>(c));
    for (size_t i = 0; i < article.passages.size(); ++i) {
        std::string t;
        for (char c : article.passages[i].text) t += lower(static_cast<unsigned char>(c));
        for (size_t at = t.find(q); at != std::string::npos; at = t.find(q, at + q.size()))
            out.push_back({int(i), at, at + q.size()});
    }
    return out;
}

std::string place_in_section(const Article& article, const Passage& passage) {
    for (const Section& s : article.sections) {
        if (s.id != passage.section) continue;
        const auto at = std::find(s.passages.begin(), s.passages.end(), passage.id);
        if (at == s.passages.end()) return "";
        if (passage.kind == "keywords") return "keywords";
        return (passage.kind == "list-item" ? "item " : "paragraph ") + std::to_string(at - s.passages.begin() + 1);
    }
    return "";
}

std::string place_in_article(const Article& article, const Passage& passage) {
    for (const Section& s : article.sections) {
        if (s.id != passage.section) continue;
        const std::string where = "\u201c" + s.title + "\u201d", in_section = place_in_section(article, passage);
        return in_section.empty() ? where : where + ", " + in_section;
    }
    return "";
}

std::string quotation(const Article& article, const Passage& passage) {
    const std::string place = place_in_article(article, passage);
    return "\u201c" + passage.text + "\u201d" + (place.empty() ? "" : " (" + place + ")") + " " + article.citation;
}

bool date_in_text(const std::string& text, int& year, int& month, int& day) {
    static const std::array<const char*, 12> months{"January",   "February", "March",    "April",
                                                    "May",       "June",     "July",     "August",
                                                    "September", "October",  "November", "December"};
    size_t best = std::string::npos;
    for (size_t m = 0; m < months.size(); ++m) {
        const size_t len = std::strlen(months[m]);
        for (size_t at = text.find(months[m]); at != std::string::npos && at < best;
             at = text.find(months[m], at + 1)) {
            // A day before it ("15 May"), a year after it ("May, 1992", "May 1992").
            size_t d = at;
            while (d > 0 && text[d - 1] == ' ') --d;
            size_t ds = d;
            while (ds > 0 && std::isdigit(static_cast<unsigned char>(text[ds - 1]))) --ds;
            size_t y = at + len;
            if (y < text.size() && text[y] == ',') ++y;
            while (y < text.size() && text[y] == ' ') ++y;
            size_t ye = y;
            while (ye < text.size() && std::isdigit(static_cast<unsigned char>(text[ye]))) ++ye;
            if (ye - y != 4) continue;
            year = std::stoi(text.substr(y, 4));
            month = int(m) + 1;
            day = (d - ds >= 1 && d - ds <= 2) ? std::stoi(text.substr(ds, d - ds)) : 1;
            best = at;
            break;
        }
    }
    return best != std::string::npos;
}

}  // namespace atlas
