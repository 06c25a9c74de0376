// The user's own layers in the window: opened by --layer, by a file dropped on the window or from
// the panel, read on a worker so the map stays live, then listed, shown or hidden, labelled,
// described under the pointer and closed. No SDL, no GL.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "geo/project.hpp"
#include "geo/projection.hpp"
#include "geo/user_layer_load.hpp"
#include "session/session.hpp"

namespace atlas {

namespace {

// How near (logical pixels) the pointer must come to a user's point or line to describe it: a
// little more than the point's radius, as a place's symbol is found.
constexpr double kUserPickPx = 6;

}  // namespace

void Session::open_user_layer(const std::string& path) {
    if (path.empty()) return;
    for (const auto& o : opening_)
        if (o.path == path) return;  // already being read
    // The worker projects the layer too (its own PROJ object: one is not shared between threads),
    // so that the frame that adds it only moves it in, even for millions of vertices.
    const std::string projection = model_ && model_->projection ? model_->projection->info().id : "";
    opening_.push_back({path, std::async(std::launch::async, [path, projection] {
                            OpenedLayer o;
                            auto layer = load_user_layer(path);
                            if (!projection.empty()) {
                                o.projected = project_user_layer(layer, Projection(projection), Rgba{});
                                o.projected_for = projection;
                            }
                            o.layer = std::move(layer);
                            return o;
                        })});
    ui_.layer_requests.error.clear();
    ui_.layer_requests.opening.push_back(path);
}

void Session::user_layer_requests() {
    UserLayerRequests& rq = ui_.layer_requests;
    if (std::exchange(rq.open, false)) open_user_layer(rq.path);
    bool changed = false;
    for (auto it = opening_.begin(); it != opening_.end();) {
        if (it->layer.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            ++it;
            continue;
        }
        try {
            OpenedLayer opened = it->layer.get();
            const std::string name = opened.layer->name;
            const size_t n = opened.layer->features.size();
            model_->add_user_layer(std::move(opened.layer), std::move(opened.projected), opened.projected_for);
            ui_.status = "Opened " + name + ": " + std::to_string(n) + (n == 1 ? " feature" : " features");
            if (rq.path == it->path) rq.path.clear();
        } catch (const std::exception& e) {
            rq.error = e.what();
            ui_.errors.push_back(e.what());
            std::fprintf(stderr, "ca-atlas: %s\n", e.what());
        }
        it = opening_.erase(it);
        changed = true;
    }
    if (!rq.remove.empty()) {
        changed |= model_->remove_user_layer(rq.remove);
        std::erase(state_.user_hidden, rq.remove);
        rq.remove.clear();
    }
    if (!rq.toggle.empty()) {
        const auto hidden = std::find(state_.user_hidden.begin(), state_.user_hidden.end(), rq.toggle);
        if (hidden != state_.user_hidden.end())
            state_.user_hidden.erase(hidden);
        else
            state_.user_hidden.push_back(rq.toggle);
        rq.toggle.clear();
    }
    if (std::exchange(rq.label, false)) changed |= model_->set_user_label_field(rq.label_of, rq.label_field);
    if (changed) {
        ++user_revision_;
        list_user_layers();
    }
}

void Session::list_user_layers() {
    ui_.user_layers.clear();
    ui_.layer_requests.opening.clear();
    for (const auto& o : opening_) ui_.layer_requests.opening.push_back(o.path);
    if (!model_) return;
    for (size_t i = 0; i < model_->user_layers.size(); ++i) {
        const UserLayer& l = *model_->user_layers[i];
        ui_.user_layers.push_back({l.id, l.name, i < model_->user_colours.size() ? model_->user_colours[i] : Rgba{},
                                   l.features.size(), l.fields, l.label_field, l.notes});
    }
}

std::vector<std::string> Session::describe_user_layers(Vec2 px) const {
    // A point's symbol under the pointer is that feature; else the top layer's line or polygon.
    if (const int sym = symbol_at(frame_, px); sym >= 0) {
        const FrameSymbol& s = frame_.symbols[size_t(sym)];
        if (s.layer == MapLayer::User && s.user >= 0 && size_t(s.user) < model_->features.user_layers.size())
            return describe_user_feature(*model_->features.user_layers[size_t(s.user)].source, s.feature);
    }
    const Vec2 at = state_.camera.to_map(px);
    const double tolerance = kUserPickPx * viewport_.pixel_ratio * state_.camera.metres_per_px;
    for (auto u = frame_.user_layers.rbegin(); u != frame_.user_layers.rend(); ++u) {
        if (*u < 0 || size_t(*u) >= model_->features.user_layers.size()) continue;
        const ProjectedUserLayer& layer = model_->features.user_layers[size_t(*u)];
        if (const int f = user_feature_at(layer, at, tolerance); f >= 0) return describe_user_feature(*layer.source, f);
    }
    return {};
}

}  // namespace atlas
