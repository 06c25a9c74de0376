// The article the atlas tells: its citation, sections, passages (stable ids) and footnotes.
// Pure C++: filled by atlas_geo from geodata/article.json.
#pragma once

#include <string>
#include <vector>

namespace atlas {

struct Passage {
    std::string id;        // stable: section key + position, e.g. "afghanistan-7"
    std::string section;   // Section::id
    std::string kind;      // "paragraph", "list-item" or "keywords"
    std::string text;      // the author's words, conversion artefacts repaired
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
};

}  // namespace atlas
