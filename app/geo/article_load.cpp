// nlohmann-json reader for the article. JSON values carry no line numbers, so a problem with a
// passage is reported at the line where its id is written (its second occurrence for a duplicate).
#include "article_load.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace atlas {

namespace {

struct Source {
    std::string file, text;

    int line_of_offset(size_t offset) const {
        int line = 1;
        for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
        return line;
    }
    // Line of the n-th (0-based) occurrence of `"id": "<id>"`; 0 if absent.
    int line_of_id(const std::string& id, int nth = 0) const {
        const std::string needle = "\"id\": \"" + id + "\"";
        size_t at = text.find(needle);
        for (int k = 0; k < nth && at != std::string::npos; ++k) at = text.find(needle, at + 1);
        return at == std::string::npos ? 0 : line_of_offset(at);
    }
    [[noreturn]] void fail(int line, const std::string& what) const {
        throw DataError(file + ":" + std::to_string(line) + ": " + what);
    }
};

std::string str(const Source& src, const nlohmann::json& obj, const char* key, int line) {
    if (!obj.contains(key) || !obj[key].is_string()) src.fail(line, std::string("field '") + key + "' must be a string");
    return obj[key].get<std::string>();
}

// A footnote number, 1 to kMaxFootnote: a larger one would not fit the int it is kept in (and no
// article has that many notes).
constexpr std::uint64_t kMaxFootnote = 9999;
int footnote_number(const Source& src, const nlohmann::json& n, int line, const std::string& who) {
    if (!n.is_number_integer()) src.fail(line, who + ": footnote numbers must be integers");
    if (!n.is_number_unsigned() || n.get<std::uint64_t>() < 1 || n.get<std::uint64_t>() > kMaxFootnote)
        src.fail(line, who + ": footnote number " + n.dump() + " is not from 1 to " + std::to_string(kMaxFootnote));
    return int(n.get<std::uint64_t>());
}

}  // namespace

Article load_article(const std::string& dir) {
    Source src;
    src.file = (std::filesystem::path(dir) / kArticleFile).string();
    std::ifstream in(src.file, std::ios::binary);
    if (!in) throw DataError(src.file + ": file not found or unreadable");
    std::ostringstream buf;
    buf << in.rdbuf();
    src.text = buf.str();

    nlohmann::json j;
    try {
        j = nlohmann::json::parse(src.text);
    } catch (const nlohmann::json::parse_error& e) {
        src.fail(src.line_of_offset(e.byte > 0 ? e.byte - 1 : 0), "not valid JSON");
    }
    if (!j.is_object()) src.fail(1, "the file must hold one JSON object");

    Article a;
    a.citation = str(src, j, "citation", 1);
    a.title = str(src, j, "title", 1);
    a.author = str(src, j, "author", 1);
    if (a.citation.empty()) src.fail(1, "the citation is empty");

    for (const char* key : {"sections", "passages", "footnotes"})
        if (!j.contains(key) || !j[key].is_array()) src.fail(1, std::string("field '") + key + "' must be a list");

    std::map<std::string, int> seen;  // passage id -> occurrences so far
    for (const auto& p : j["passages"]) {
        const int line = p.contains("id") && p["id"].is_string() ? src.line_of_id(p["id"].get<std::string>(), seen[p["id"].get<std::string>()]) : 1;
        Passage out;
        out.id = str(src, p, "id", line);
        if (out.id.empty()) src.fail(line, "a passage has an empty id");
        if (++seen[out.id] > 1) src.fail(line, "duplicate passage id '" + out.id + "'");
        out.section = str(src, p, "section", line);
        out.kind = str(src, p, "kind", line);
        out.text = str(src, p, "text", line);
        if (out.text.empty()) src.fail(line, "passage '" + out.id + "' has no text");
        if (!p.contains("footnotes") || !p["footnotes"].is_array()) src.fail(line, "passage '" + out.id + "': field 'footnotes' must be a list");
        for (const auto& n : p["footnotes"]) out.footnotes.push_back(footnote_number(src, n, line, "passage '" + out.id + "'"));
        a.passages.push_back(std::move(out));
    }

    std::set<std::string> placed;
    for (const auto& s : j["sections"]) {
        const int line = s.contains("id") && s["id"].is_string() ? src.line_of_id(s["id"].get<std::string>()) : 1;
        Section out;
        out.id = str(src, s, "id", line);
        out.title = str(src, s, "title", line);
        if (!s.contains("passages") || !s["passages"].is_array()) src.fail(line, "section '" + out.id + "': field 'passages' must be a list");
        for (const auto& pid : s["passages"]) {
            const std::string id = pid.is_string() ? pid.get<std::string>() : std::string();
            const Passage* p = a.passage(id);
            if (!p) src.fail(line, "section '" + out.id + "' lists passage '" + id + "', which does not exist");
            if (p->section != out.id) src.fail(line, "section '" + out.id + "' lists passage '" + id + "' of section '" + p->section + "'");
            placed.insert(id);
            out.passages.push_back(id);
        }
        a.sections.push_back(std::move(out));
    }
    for (const auto& p : a.passages)
        if (!placed.count(p.id)) src.fail(src.line_of_id(p.id), "passage '" + p.id + "' is in no section");

    std::set<int> numbers;
    for (const auto& f : j["footnotes"]) {
        Footnote out;
        if (!f.contains("number")) src.fail(1, "a footnote has no number");
        out.number = footnote_number(src, f["number"], 1, "a footnote");
        const int line = src.line_of_id("fn" + std::to_string(out.number));
        out.text = str(src, f, "text", line);
        for (const auto& p : a.passages)
            for (int n : p.footnotes)
                if (n == out.number) out.cited_by.push_back(p.id);
        if (out.cited_by.empty()) src.fail(line, "footnote " + std::to_string(out.number) + " is cited by no passage");
        numbers.insert(out.number);
        a.footnotes.push_back(std::move(out));
    }
    for (const auto& p : a.passages)
        for (int n : p.footnotes)
            if (!numbers.count(n)) src.fail(src.line_of_id(p.id), "passage '" + p.id + "' cites footnote " + std::to_string(n) + ", which does not exist");
    return a;
}

}  // namespace atlas
