// GDAL CSV reader for the fact tables. GDAL numbers a CSV's records from 1 and skips blank
// lines; the reader maps each record back to its line in the file for messages, and checks
// what GDAL passes over silently (a record with too many or too few fields, a field that
// spans lines).
#include "facts_load.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>

#include "article_load.hpp"
#include "checksum.hpp"
#include "core/errors.hpp"
#include "load.hpp"
#include "projection.hpp"
#include "raster.hpp"
#include "text/fold.hpp"
#include "text/shape.hpp"

namespace atlas {

namespace {

namespace fs = std::filesystem;

// Number of fields in one physical CSV line (commas outside double quotes, plus one), and
// whether a quoted field is left open at its end.
std::pair<int, bool> count_fields(const std::string& line) {
    int n = 1;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (c == ',' && !quoted) ++n;
    }
    return {n, quoted};
}

// One record of a table: field access by column name, with the problems found reading it.
class Record {
public:
    Record(const OGRFeature& f, const std::map<std::string, int>& columns, SourceLine at,
           std::vector<DataProblem>& problems)
        : f_(f), columns_(columns), at_(std::move(at)), problems_(problems) {}

    const SourceLine& at() const { return at_; }
    bool ok() const { return ok_; }

    std::string text(const char* column) const {
        const auto it = columns_.find(column);
        if (it == columns_.end() || !f_.IsFieldSetAndNotNull(it->second)) return {};
        return f_.GetFieldAsString(it->second);
    }
    std::string required(const char* column) {
        std::string v = text(column);
        if (v.find_first_not_of(" \t") == std::string::npos) {
            fail(std::string("missing ") + column + (v.empty() ? "" : " (only spaces)"));
            return {};
        }
        return v;
    }
    std::optional<Date> date(const char* column, bool needed) {
        const std::string v = needed ? required(column) : text(column);
        if (v.empty()) return std::nullopt;
        const auto d = Date::parse(v);
        if (!d) fail(std::string(column) + " '" + v + "' is not a date (YYYY-MM-DD)");
        return d;
    }
    double number(const char* column, double lo, double hi) {
        const std::string v = required(column);
        if (v.empty()) return 0;
        double x = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (ec != std::errc{} || end != v.data() + v.size() || x < lo || x > hi) {
            char range[64];
            std::snprintf(range, sizeof range, "%g to %g", lo, hi);
            fail(std::string(column) + " '" + v + "' is not a number from " + range);
        }
        return x;
    }
    std::vector<std::string> words(const char* column) const {
        std::vector<std::string> out;
        std::istringstream in(text(column));
        for (std::string w; in >> w;) out.push_back(w);
        return out;
    }
    void fail(std::string message) {
        problems_.push_back({at_, std::move(message)});
        ok_ = false;
    }

private:
    const OGRFeature& f_;
    const std::map<std::string, int>& columns_;
    SourceLine at_;
    std::vector<DataProblem>& problems_;
    bool ok_ = true;
};

// Reads `dir`/`name` with GDAL's CSV driver and calls `each` for every well-formed record.
void read_table(const std::string& dir, const char* name, const std::vector<const char*>& columns,
                std::vector<DataProblem>& problems, const std::function<void(Record&)>& each) {
    const std::string path = (fs::path(dir) / name).string();
    const SourceLine whole{path, 0};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.push_back({whole, "file missing or unreadable"});
        return;
    }
    // Physical lines that start records: the first non-blank line is the header.
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(l);
    }
    // Bytes GDAL would take silently: a NUL ends its reading of the file there, and text that is
    // not UTF-8 would be drawn as it comes. The table is not read at all.
    bool readable = true;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.find('\0') != std::string::npos) {
            problems.push_back({{path, int(i) + 1}, "a NUL byte (the file is damaged or not text)"});
            readable = false;
        } else if (!CPLIsUTF8(l.c_str(), int(std::min(l.size(), size_t(INT32_MAX))))) {
            problems.push_back({{path, int(i) + 1}, "not UTF-8 text"});
            readable = false;
        }
    }
    if (!readable) return;
    std::vector<int> record_line;  // record_line[k] = line number (1-based) of record k (0 = header)
    size_t header_fields = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find_first_not_of(" \t") == std::string::npos) continue;
        const auto [fields, open] = count_fields(lines[i]);
        const int line = int(i) + 1;
        if (record_line.empty()) header_fields = size_t(fields);
        if (open) {
            problems.push_back(
                {{path, line}, "a quoted field runs past the end of the line (records are one per line)"});
            return;
        }
        if (!record_line.empty() && size_t(fields) != header_fields)
            problems.push_back({{path, line},
                                std::to_string(fields) + " fields, the header has " + std::to_string(header_fields) +
                                    " (quote a field that contains a comma)"});
        record_line.push_back(line);
    }
    if (record_line.empty()) {
        problems.push_back({whole, "empty file (no header)"});
        return;
    }

    init_gdal();
    const char* drivers[] = {"CSV", nullptr};
    const char* options[] = {"AUTODETECT_TYPE=NO", "HEADERS=YES", nullptr};
    CPLErrorReset();
    std::unique_ptr<GDALDataset> ds(GDALDataset::FromHandle(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr)));
    if (!ds || ds->GetLayerCount() != 1) {
        problems.push_back({whole, std::string("not a readable CSV table (") + CPLGetLastErrorMsg() + ")"});
        return;
    }
    OGRLayer* layer = ds->GetLayer(0);
    std::map<std::string, int> index;
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    const SourceLine header{path, record_line.front()};
    // GDAL guesses the separator (a ';' or a tab too): the tables are comma-separated, and the
    // field counts above count commas, so GDAL must see the same columns.
    if (size_t(defn->GetFieldCount()) != header_fields) {
        problems.push_back({header, "the header has " + std::to_string(header_fields) +
                                        " comma-separated columns but reads as " +
                                        std::to_string(defn->GetFieldCount()) + " (the separator must be a comma)"});
        return;
    }
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (!index.emplace(defn->GetFieldDefn(i)->GetNameRef(), i).second) {
            problems.push_back({header, std::string("column '") + defn->GetFieldDefn(i)->GetNameRef() + "' twice"});
            return;
        }
    bool complete = true;
    for (const char* c : columns)
        if (!index.count(c)) {
            problems.push_back({{path, record_line.front()}, std::string("missing column '") + c + "'"});
            complete = false;
        }
    if (!complete) return;
    size_t read = 0;
    for (auto& f : *layer) {
        ++read;
        const GIntBig fid = f->GetFID();
        if (fid < 1 || size_t(fid) >= record_line.size()) {
            problems.push_back({whole, "GDAL read more records than the file has lines"});
            return;
        }
        const int line = record_line[size_t(fid)];
        if (size_t(count_fields(lines[size_t(line - 1)]).first) != header_fields) continue;  // reported above
        Record r(*f, index, {path, line}, problems);
        each(r);
    }
    // Every record line must have come back as a record: GDAL stops early on what it cannot read.
    if (CPLGetLastErrorType() >= CE_Failure || read + 1 != record_line.size())
        problems.push_back({whole, "GDAL read " + std::to_string(read) + " records, the file has " +
                                       std::to_string(record_line.size() - 1) +
                                       (CPLGetLastErrorType() >= CE_Failure ? std::string(" (") + CPLGetLastErrorMsg() + ")"
                                                                            : std::string())});
}

std::optional<Precision> parse_precision(const std::string& s) {
    if (s == "site") return Precision::Site;
    if (s == "city") return Precision::City;
    if (s == "area") return Precision::Area;
    return std::nullopt;
}

}  // namespace

FactsLoad load_facts(const std::string& dir) {
    FactsLoad out;
    auto& p = out.problems;
    Facts& f = out.facts;

    read_table(dir, kOrganisationsFile,
               {"id", "name", "abbreviation", "from", "until", "successor", "founded_at", "seats", "source"}, p,
               [&](Record& r) {
                   Organisation o;
                   o.id = r.required("id");
                   o.name = r.required("name");
                   o.abbreviation = r.required("abbreviation");
                   if (auto d = r.date("from", true)) o.from = *d;
                   o.until = r.date("until", false);
                   o.successor = r.text("successor");
                   o.founded_at = r.text("founded_at");
                   o.seats = r.words("seats");
                   o.source = r.required("source");
                   o.at = r.at();
                   if (r.ok()) f.organisations.push_back(std::move(o));
               });

    read_table(dir, kMembershipsFile, {"organisation", "country", "status", "from", "to", "source"}, p, [&](Record& r) {
        Membership m;
        m.organisation = r.required("organisation");
        m.country = r.required("country");
        const std::string status = r.required("status");
        if (auto s = parse_status(status))
            m.status = *s;
        else if (!status.empty())
            r.fail("status '" + status +
                   "' is not one of member, observer, dialogue-partner, partner, suspended, frozen");
        if (auto d = r.date("from", true)) m.from = *d;
        m.to = r.date("to", false);
        m.source = r.required("source");
        m.at = r.at();
        if (r.ok()) f.memberships.push_back(std::move(m));
    });

    read_table(
        dir, kPlacesFile,
        {"id", "name", "kind", "organisation", "lon", "lat", "precision", "area", "country", "from", "to", "source"}, p,
        [&](Record& r) {
            Place pl;
            pl.id = r.required("id");
            pl.name = r.required("name");
            pl.kind = r.required("kind");
            pl.organisation = r.required("organisation");
            pl.lonlat = {r.number("lon", -180, 180), r.number("lat", -90, 90)};
            const std::string precision = r.required("precision");
            if (auto pr = parse_precision(precision))
                pl.precision = *pr;
            else if (!precision.empty())
                r.fail("precision '" + precision + "' is not one of site, city, area");
            pl.area = r.text("area");
            pl.country = r.required("country");
            pl.from = r.date("from", false);
            pl.to = r.date("to", false);
            pl.source = r.required("source");
            pl.at = r.at();
            if (r.ok()) f.places.push_back(std::move(pl));
        });

    read_table(dir, kRegionsFile, {"id", "name", "kind", "members", "source"}, p, [&](Record& r) {
        Region g;
        g.id = r.required("id");
        g.name = r.required("name");
        g.kind = r.required("kind");
        g.members = r.words("members");
        g.source = r.required("source");
        g.at = r.at();
        if (r.ok()) f.regions.push_back(std::move(g));
    });

    read_table(dir, kAliasesFile, {"entity", "alias"}, p, [&](Record& r) {
        Alias a;
        a.entity = r.required("entity");
        a.text = r.required("alias");
        a.at = r.at();
        if (r.ok()) f.aliases.push_back(std::move(a));
    });

    read_table(dir, kLinksFile, {"passage", "entity", "basis"}, p, [&](Record& r) {
        Link l;
        l.passage = r.required("passage");
        l.entity = r.required("entity");
        l.basis = r.required("basis");
        l.at = r.at();
        if (r.ok()) f.links.push_back(std::move(l));
    });

    read_table(dir, kNotesFile, {"id", "passage", "entity", "kind", "text", "source"}, p, [&](Record& r) {
        Note n;
        n.id = r.required("id");
        n.passage = r.required("passage");
        n.entity = r.text("entity");
        n.kind = r.required("kind");
        n.text = r.required("text");
        n.source = r.required("source");
        n.at = r.at();
        if (r.ok()) f.notes.push_back(std::move(n));
    });
    read_table(dir, kCapitalsFile, {"country", "name", "lon", "lat", "from", "to", "note", "source"}, p,
               [&](Record& r) {
                   Capital c;
                   c.country = r.required("country");
                   c.name = r.required("name");
                   c.lonlat = {r.number("lon", -180, 180), r.number("lat", -90, 90)};
                   if (auto d = r.date("from", true)) c.from = *d;
                   c.to = r.date("to", false);
                   c.note = r.text("note");
                   c.source = r.required("source");
                   c.at = r.at();
                   if (r.ok()) f.capitals.push_back(std::move(c));
               });
    read_table(dir, kNamesFile, {"entity", "name", "language", "source"}, p, [&](Record& r) {
        Name n;
        n.entity = r.required("entity");
        n.text = r.required("name");
        n.language = r.required("language");
        n.source = r.required("source");
        n.at = r.at();
        if (r.ok()) f.names.push_back(std::move(n));
    });
    read_table(dir, kBorderLengthsFile, {"boundary", "published_km", "source"}, p, [&](Record& r) {
        PublishedLength l;
        l.boundary = r.required("boundary");
        l.km = r.number("published_km", 0, 40075);  // no land boundary is longer than the equator
        l.source = r.required("source");
        l.at = r.at();
        if (r.ok()) f.border_lengths.push_back(std::move(l));
    });
    read_table(dir, kControlFile, {"area", "before", "after", "on", "source"}, p, [&](Record& r) {
        ControlChange c;
        c.area = r.required("area");
        c.before = r.required("before");
        c.after = r.required("after");
        if (auto d = r.date("on", true)) c.on = *d;
        c.source = r.required("source");
        c.at = r.at();
        if (r.ok()) f.control.push_back(std::move(c));
    });
    return out;
}

std::vector<Scene> load_tour(const std::string& dir, std::vector<DataProblem>& problems) {
    return load_tour_file((fs::path(dir) / kTourFile).string(), problems);
}

std::vector<Scene> load_tour_file(const std::string& path, std::vector<DataProblem>& problems) {
    std::vector<Scene> out;
    const fs::path file(path);
    read_table(file.parent_path().string(), file.filename().c_str(),
               {"id", "title", "lon", "lat", "height_km", "projection", "date", "layers", "highlight", "passage"},
               problems, [&](Record& r) {
                   Scene sc;
                   sc.id = r.required("id");
                   sc.title = r.required("title");
                   sc.view = {r.number("lon", -180, 180), r.number("lat", -90, 90),
                              r.number("height_km", kSceneMinHeightKm, kSceneMaxHeightKm)};
                   sc.projection = r.required("projection");
                   if (auto d = r.date("date", true)) sc.date = *d;
                   std::string unknown;
                   sc.layers = parse_layers(r.words("layers"), unknown);
                   if (!unknown.empty())
                       r.fail("unknown layer '" + unknown + "' (one of " + layers_text(Layers{}) + ", all)");
                   sc.highlight = r.words("highlight");
                   sc.passage = r.required("passage");
                   // Optional (a tour written before annotations has no such column).
                   std::string error;
                   if (auto a = parse_annotations(r.text("annotations"), error)) sc.annotations = std::move(*a);
                   else r.fail("annotations: " + error);
                   // Optional: the user's own layers the scene shows, their paths separated by '|'.
                   const std::string own = r.text("user_layers");
                   for (size_t start = 0; start < own.size();) {
                       const size_t end = std::min(own.find('|', start), own.size());
                       if (end > start) sc.user_layers.push_back(own.substr(start, end - start));
                       start = end + 1;
                   }
                   sc.at = r.at();
                   if (r.ok()) out.push_back(std::move(sc));
               });
    return out;
}

void save_tour(const std::string& path, const std::vector<Scene>& scenes) {
    init_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("CSV");
    if (!driver) throw OutputError("cannot write '" + path + "': GDAL has no CSV driver");
    AtomicFile file(path, ".csv");  // GDAL's CSV driver writes one file for a name ending in .csv
    {
        std::unique_ptr<GDALDataset> ds(driver->Create(file.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw OutputError("cannot write '" + path + "': " + CPLGetLastErrorMsg());
        const char* options[] = {"LINEFORMAT=LF", "STRING_QUOTING=IF_NEEDED", nullptr};
        OGRLayer* layer = ds->CreateLayer("tour", nullptr, wkbNone, const_cast<char**>(options));
        if (!layer) throw OutputError("cannot write '" + path + "': " + CPLGetLastErrorMsg());
        std::vector<const char*> columns = {"id",   "title",  "lon",       "lat",     "height_km",  "projection",
                                            "date", "layers", "highlight", "passage", "annotations"};
        // The user's own layers' column only where a scene has some: a tour without stays as it was.
        const bool own_layers =
            std::any_of(scenes.begin(), scenes.end(), [](const Scene& sc) { return !sc.user_layers.empty(); });
        if (own_layers) columns.push_back("user_layers");
        for (const char* c : columns) {
            OGRFieldDefn field(c, OFTString);
            layer->CreateField(&field);
        }
        // The shortest text that reads back as the same double: a saved tour keeps every digit a
        // hand-edited scene had ("%g" kept six, and moved coordinates nobody edited).
        auto number = [](double v) {
            char buf[32];
            const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
            return ec == std::errc{} ? std::string(buf, end) : std::string("nan");
        };
        for (const auto& sc : scenes) {
            OGRFeature f(layer->GetLayerDefn());
            std::string highlight, own;
            for (const auto& h : sc.highlight) highlight += (highlight.empty() ? "" : " ") + h;
            for (const auto& layer_path : sc.user_layers) own += (own.empty() ? "" : "|") + layer_path;
            const std::string values[] = {
                sc.id,         sc.title,      number(sc.view.lon),    number(sc.view.lat), number(sc.view.height_km),
                sc.projection, sc.date.str(), layers_text(sc.layers), highlight,           sc.passage,
                format_annotations(sc.annotations), own};
            for (int i = 0; i < int(columns.size()); ++i) f.SetField(i, values[i].c_str());
            if (layer->CreateFeature(&f) != OGRERR_NONE)
                throw OutputError("cannot write '" + path + "': " + CPLGetLastErrorMsg());
        }
    }
    std::error_code ec;
    if (fs::exists(path, ec)) fs::copy_file(path, path + ".bak", fs::copy_options::overwrite_existing, ec);
    if (ec) throw OutputError("cannot write '" + path + "': its backup " + path + ".bak could not be written");
    file.commit();
}

void sort_by_place(std::vector<DataProblem>& problems) {
    std::stable_sort(problems.begin(), problems.end(), [](const DataProblem& a, const DataProblem& b) {
        return a.at.file != b.at.file ? a.at.file < b.at.file : a.at.line < b.at.line;
    });
}

std::vector<DataProblem> unrenderable_text(const Facts& facts, const std::vector<Scene>& tour, TextShaper& shaper) {
    std::vector<DataProblem> out;
    auto check = [&](const SourceLine& at, const char* what, const std::string& text) {
        if (text.empty()) return;
        const std::string missing = shaper.shape(text)->missing_names();
        if (!missing.empty())
            out.push_back({at, std::string(what) + " '" + text + "' has characters no installed font has (" + missing +
                                   "): they are left out where it is drawn"});
    };
    for (const auto& o : facts.organisations) {
        check(o.at, "name", o.name);
        check(o.at, "abbreviation", o.abbreviation);
    }
    for (const auto& p : facts.places) check(p.at, "name", p.name);
    for (const auto& r : facts.regions) check(r.at, "name", r.name);
    for (const auto& c : facts.capitals) check(c.at, "name", c.name);
    for (const auto& a : facts.aliases) check(a.at, "alias", a.text);
    for (const auto& n : facts.names) check(n.at, "name", n.text);
    for (const auto& n : facts.notes) check(n.at, "note", n.text);
    for (const auto& sc : tour) check(sc.at, "title", sc.title);
    return out;
}

DataSet load_data_set(const std::string& dir, const std::string& tour, bool shipped,
                      std::shared_ptr<const World> prepared) {
    DataSet out;
    if (shipped) out.problems = verify_checksums(dir);
    std::optional<World> world;
    try {
        if (!prepared) world = load_world(dir);
    } catch (const DataError& e) {
        DataProblem p;  // no file: the message names the file and the record
        p.message = e.what();
        out.problems.push_back(std::move(p));
    }
    try {
        out.article = std::make_shared<const Article>(load_article(dir));
    } catch (const DataError& e) {
        DataProblem p;
        p.message = e.what();
        out.problems.push_back(std::move(p));
    }
    FactsLoad facts = load_facts(dir);
    if (world) {
        try {
            cut_control_areas(*world, facts.facts.control);
        } catch (const DataError& e) {
            DataProblem p;
            p.message = e.what();
            out.problems.push_back(std::move(p));
        }
        out.world = std::make_shared<const World>(std::move(*world));
    }
    if (prepared) out.world = std::move(prepared);
    out.problems.insert(out.problems.end(), facts.problems.begin(), facts.problems.end());
    out.tour = tour.empty() ? load_tour(dir, out.problems) : load_tour_file(tour, out.problems);
    if (out.world && out.article) {
        for (auto& problem : validate(facts.facts, *out.world, *out.article, fold_for_search))
            out.problems.push_back(std::move(problem));
        // The tour's scenes: the checks the Tour panel runs before it saves.
        std::vector<std::string> projection_ids;
        for (const auto& p : projections()) projection_ids.push_back(p.id);
        for (auto& p : tour_problems(out.tour, *out.world, facts.facts, *out.article, projection_ids))
            out.problems.push_back({out.tour[p.scene].at, std::move(p.message)});
    }
    sort_by_place(out.problems);
    out.facts = std::make_shared<const Facts>(std::move(facts.facts));
    return out;
}

}  // namespace atlas
