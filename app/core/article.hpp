// The article the atlas tells: its citation, sections, passages (stable ids) and footnotes.
// Pure C++: filled by atlas_geo from geodata/article.json.
#pragma once

#include <string>
#include <vector>

namespace atlas {

struct Passage {
    std::string id;              // stable: section key + position, e.g. "afghanistan-7"
    std::string section;         // Section::id
    std::string kind;            // "paragraph", "list-item" or "keywords"
    std::string text;            // the author's words, conversion artefacts repaired
    std::vector<int> footnotes;  // numbers of the footnotes it cites
};

struct Section {
    std::string id;
    std::string title;
    std::vector<std::string> passages;  // passage ids in article order
};

struct Footnote {
    int number = 0;
    std::string text;
    std::vector<std::string> cited_by;  // passage ids
};

struct Article {
    std::string citation;  // shown with every quoted passage
    std::string title, author;
    std::vector<Section> sections;
    std::vector<Passage> passages;  // in article order
    std::vector<Footnote> footnotes;

    // The passage with this id, or nullptr.
    const Passage* passage(const std::string& id) const;
    // Its position in article order, or -1.
    int index_of(const std::string& id) const;
};

// One occurrence of a searched text: the passage (index) and the byte range in its text.
struct TextHit {
    int passage = -1;
    size_t begin = 0, end = 0;
};

// Every occurrence of `query` in the passages' text, case-insensitive (ASCII letters), in
// article order; nothing for an empty query.
std::vector<TextHit> find_in_article(const Article& article, const std::string& query);

// Where a passage is in the article, as a reader finds it: its section's title and its place
// there, "“Afghanistan as a Security Challenge”, paragraph 19" (the passage's id is the data's).
std::string place_in_article(const Article& article, const Passage& passage);
// Its place within its section alone: "paragraph 19", "item 3", "keywords" ("" if not found).
std::string place_in_section(const Article& article, const Passage& passage);

// A passage as a quotation: the author's words between typographic quotes, the passage's place in
// the article, and the citation: "“...” (“Conclusion”, paragraph 4) Citation."
std::string quotation(const Article& article, const Passage& passage);

// The first full date a passage names ("15 May, 1992", "7 October 2002", "June 2012" as its
// first day), if any: where a reader can send the timeline.
bool date_in_text(const std::string& text, int& year, int& month, int& day);

}  // namespace atlas
