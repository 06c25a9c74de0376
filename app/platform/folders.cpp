#include "platform/folders.hpp"

#include <SDL.h>
#include <glib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace atlas {

namespace fs = std::filesystem;

std::string pictures_folder() {
    std::error_code ec;
    for (const char* dir : {g_get_user_special_dir(G_USER_DIRECTORY_PICTURES), g_get_home_dir()})
        if (dir && fs::is_directory(dir, ec)) return fs::absolute(dir, ec).string();
    return fs::current_path(ec).string();
}

std::string home_folder() { return g_get_home_dir(); }

std::vector<std::string> subfolders(const std::string& folder) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code dir_ec;
        if (!name.starts_with(".") && it->is_directory(dir_ec)) out.push_back(name);
    }
    if (ec) throw std::runtime_error("cannot read " + folder + ": " + ec.message());
    const auto lower = [](std::string s) {
        for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) { return lower(a) < lower(b); });
    return out;
}

void open_in_file_manager(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw std::runtime_error("cannot open the folder '" + folder + "': it is not a folder");
    GError* error = nullptr;
    std::unique_ptr<gchar, decltype(&g_free)> uri(g_filename_to_uri(fs::absolute(folder, ec).c_str(), nullptr, &error),
                                                  &g_free);
    if (!uri) {
        const std::string why = error ? error->message : "not a file name";
        if (error) g_error_free(error);
        throw std::runtime_error("cannot open the folder '" + folder + "': " + why);
    }
    // SDL hands the URL to xdg-open without learning whether it ran: look for it first.
    std::unique_ptr<gchar, decltype(&g_free)> opener(g_find_program_in_path("xdg-open"), &g_free);
    if (!opener)
        throw std::runtime_error("cannot open the folder '" + folder +
                                 "' in a file manager: xdg-open is not installed (Debian's package xdg-utils)");
    if (SDL_OpenURL(uri.get()) != 0)
        throw std::runtime_error("cannot open the folder '" + folder + "' in a file manager: " + SDL_GetError());
}

}  // namespace atlas
