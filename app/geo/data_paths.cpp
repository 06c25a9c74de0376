// Locating the data folder and the user's tour (see data_paths.hpp for the order).
#include "data_paths.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include "core/errors.hpp"
#include "facts_load.hpp"
#include "load.hpp"
#include "raster.hpp"

namespace atlas {

namespace fs = std::filesystem;

namespace {

// The XDG base directory specification's default for XDG_DATA_DIRS.
constexpr const char* kDefaultDataDirs = "/usr/local/share:/usr/share";

bool holds_data(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / kWorldFile, ec);
}

// `path` made absolute and without "." and ".." (the folder need not exist).
fs::path normal(const fs::path& path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec);
    return (ec ? path : p).lexically_normal();
}

// Whether two paths name the same file (or, where either is missing, the same normal path).
bool same_file(const fs::path& a, const fs::path& b) {
    if (a.empty() || b.empty()) return false;
    std::error_code ec;
    const bool same = fs::equivalent(a, b, ec);
    return ec ? normal(a) == normal(b) : same;
}

}  // namespace

std::string DataPaths::shipped_tour() const { return (fs::path(dir) / kTourFile).string(); }

DataPaths locate_data(const DataSearch& s) {
    DataPaths out;
    if (!s.given.empty()) {  // --data: everything in that folder, as it is
        out.dir = s.given;
        out.tour = out.tour_save = out.shipped_tour();
        return out;
    }
    std::vector<fs::path> candidates;
    const fs::path exe = s.exe.empty() ? fs::path() : normal(s.exe);
    if (same_file(exe, s.built) && !s.source_data.empty()) candidates.push_back(s.source_data);
    if (!exe.empty()) candidates.push_back(normal(exe.parent_path() / ".." / "share" / kDataFolderName));
    const std::string dirs = s.xdg_data_dirs.empty() ? kDefaultDataDirs : s.xdg_data_dirs;
    for (size_t start = 0; start <= dirs.size();) {
        const size_t end = std::min(dirs.find(':', start), dirs.size());
        // The specification ignores relative entries.
        if (end > start && dirs[start] == '/') candidates.push_back(fs::path(dirs.substr(start, end - start)) / kDataFolderName);
        start = end + 1;
    }
    for (const auto& c : candidates)
        if (holds_data(c)) {
            out.dir = c.string();
            out.shipped = true;
            break;
        }
    if (out.dir.empty()) {
        std::vector<std::string> seen;
        std::string looked;
        for (const auto& c : candidates)
            if (std::find(seen.begin(), seen.end(), c.string()) == seen.end()) {
                seen.push_back(c.string());
                looked += (looked.empty() ? "" : ", ") + c.string();
            }
        out.problem = std::string("no data folder found: none of ") + looked + " holds " + kWorldFile +
                      " (reinstall ca-atlas, or give the folder with --data DIR)";
        return out;
    }
    const fs::path home = !s.xdg_data_home.empty() && s.xdg_data_home[0] == '/' ? fs::path(s.xdg_data_home)
                          : !s.home.empty()                                     ? fs::path(s.home) / ".local" / "share"
                                                                                : fs::path();
    if (!home.empty()) out.tour_save = (home / kDataFolderName / kTourFile).string();
    std::error_code ec;
    out.user_tour = !out.tour_save.empty() && fs::is_regular_file(out.tour_save, ec);
    out.tour = out.user_tour ? out.tour_save : out.shipped_tour();
    return out;
}

DataSearch data_search_here(const std::string& given, const std::string& built, const std::string& source_data) {
    DataSearch s;
    s.given = given;
    s.built = built;
    s.source_data = source_data;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) s.exe = exe.string();
    auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v ? v : "");
    };
    s.xdg_data_dirs = env("XDG_DATA_DIRS");
    s.xdg_data_home = env("XDG_DATA_HOME");
    s.home = env("HOME");
    return s;
}

void make_parent_folders(const std::string& path) {
    const fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) return;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder))
        throw OutputError("cannot make the folder '" + folder.string() + "': " +
                          (ec ? ec.message() : std::string("a file of that name is in the way")));
}

std::string layout_file_here() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    // The specification ignores a relative XDG_CONFIG_HOME.
    if (config && config[0] == '/') return std::string(config) + "/ca-atlas/layout.ini";
    if (home && home[0]) return std::string(home) + "/.config/ca-atlas/layout.ini";
    return "";
}

void save_text_file(const std::string& path, const std::string& text) {
    make_parent_folders(path);
    AtomicFile file(path);
    {
        std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw OutputError("cannot write '" + path + "': " + std::strerror(errno));
    }
    file.commit();
}

void save_user_tour(const std::string& path, const std::vector<Scene>& scenes) {
    if (path.empty())
        throw OutputError("cannot save the tour: neither XDG_DATA_HOME nor HOME is set, so there is no folder for "
                          "your edits (start the atlas with --data DIR to keep them in DIR)");
    make_parent_folders(path);
    save_tour(path, scenes);
}

std::vector<Scene> restore_shipped_tour(const std::string& user, const std::string& shipped,
                                        std::vector<DataProblem>& problems) {
    std::error_code ec;
    if (fs::exists(user, ec)) {
        fs::rename(user, user + ".bak", ec);
        if (ec) throw OutputError("cannot put '" + user + "' aside as " + user + ".bak: " + ec.message());
    }
    return load_tour_file(shipped, problems);
}

}  // namespace atlas
