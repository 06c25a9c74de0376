#include "export/pdf_layers.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>

#include "core/errors.hpp"

namespace atlas {

namespace {

using Token = QPDFTokenizer::Token;

// The "Sect" structure elements under `node`, in the order they were begun (depth first).
void collect_sections(QPDFObjectHandle node, std::vector<QPDFObjectHandle>& out, int depth = 0) {
    if (depth > 64) return;
    if (node.isArray()) {
        for (auto& kid : node.aitems()) collect_sections(kid, out, depth + 1);
        return;
    }
    if (!node.isDictionary()) return;
    if (node.getKey("/S").isNameAndEquals("/Sect")) out.push_back(node);
    collect_sections(node.getKey("/K"), out, depth + 1);
}

// Where an element's marked content is: (page, MCID) pairs, from its /K (an MCID, a marked
// content reference, or an array of them) and its /Pg.
void element_content(QPDFObjectHandle elem, std::vector<std::pair<QPDFObjGen, int>>& out) {
    QPDFObjectHandle page = elem.getKey("/Pg");
    auto add = [&](QPDFObjectHandle k) {
        if (k.isInteger()) {
            out.push_back({page.getObjGen(), k.getIntValueAsInt()});
        } else if (k.isDictionary() && k.getKey("/MCID").isInteger()) {
            QPDFObjectHandle pg = k.hasKey("/Pg") ? k.getKey("/Pg") : page;
            out.push_back({pg.getObjGen(), k.getKey("/MCID").getIntValueAsInt()});
        }
    };
    QPDFObjectHandle k = elem.getKey("/K");
    if (k.isArray()) {
        for (auto& item : k.aitems()) add(item);
    } else {
        add(k);
    }
}

// Rewrites `/Sect << /MCID n >> BDC` as `/OC /<layer's name> BDC` for the MCIDs in `layer_of`;
// every other token passes unchanged.
class SectToLayer final : public QPDFObjectHandle::TokenFilter {
public:
    explicit SectToLayer(std::map<int, std::string> layer_of) : layer_of_(std::move(layer_of)) {}

    void handleToken(const Token& t) override {
        if (pending_.empty()) {
            if (t.getType() == QPDFTokenizer::tt_name && t.getValue() == "/Sect") {
                pending_.push_back(t);
            } else {
                writeToken(t);
            }
            return;
        }
        pending_.push_back(t);
        if (t.getType() == QPDFTokenizer::tt_space || t.getType() == QPDFTokenizer::tt_comment) return;
        significant_.push_back(t);
        // The expected run after /Sect: << /MCID n >> BDC
        const size_t i = significant_.size();
        bool ok = false;
        switch (i) {
        case 1: ok = t.getType() == QPDFTokenizer::tt_dict_open; break;
        case 2: ok = t.getType() == QPDFTokenizer::tt_name && t.getValue() == "/MCID"; break;
        case 3: ok = t.getType() == QPDFTokenizer::tt_integer; break;
        case 4: ok = t.getType() == QPDFTokenizer::tt_dict_close; break;
        case 5: ok = t.getType() == QPDFTokenizer::tt_word && t.getValue() == "BDC"; break;
        default: break;
        }
        if (!ok) return flush();
        if (i < 5) return;
        const auto layer = layer_of_.find(std::stoi(significant_[2].getValue()));
        if (layer == layer_of_.end()) return flush();
        write("/OC /" + layer->second + " BDC");
        pending_.clear();
        significant_.clear();
    }
    void handleEOF() override { flush(); }

private:
    std::map<int, std::string> layer_of_;  // MCID -> resource name
    std::vector<Token> pending_, significant_;
    void flush() {
        for (const auto& t : pending_) writeToken(t);
        pending_.clear();
        significant_.clear();
    }
};

}  // namespace

void make_layers(const std::string& path, const std::vector<PdfLayer>& begun) {
    std::shared_ptr<Buffer> rewritten;
    try {
        QPDF pdf;
        pdf.processFile(path.c_str());
        QPDFObjectHandle root = pdf.getRoot();
        std::vector<QPDFObjectHandle> sections;
        collect_sections(root.getKey("/StructTreeRoot").getKey("/K"), sections);
        if (sections.size() != begun.size())
            throw OutputError("cannot write '" + path + "': its map has " + std::to_string(sections.size()) +
                              " marked groups for " + std::to_string(begun.size()) + " layers");

        // One optional content group per layer id, listed by rank (bottom to top).
        std::map<std::string, std::pair<std::string, QPDFObjectHandle>> layer_of;  // id -> resource name, OCG
        std::vector<std::pair<int, QPDFObjectHandle>> order;  // rank, OCG
        std::map<QPDFObjGen, std::map<int, std::string>> names;  // page -> MCID -> resource name
        std::map<QPDFObjGen, std::map<std::string, QPDFObjectHandle>> properties;  // page -> name -> OCG
        for (size_t i = 0; i < begun.size(); ++i) {
            std::vector<std::pair<QPDFObjGen, int>> content;
            element_content(sections[i], content);
            auto [it, added] = layer_of.try_emplace(begun[i].id);
            if (added) {
                QPDFObjectHandle ocg = QPDFObjectHandle::newDictionary();
                ocg.replaceKey("/Type", QPDFObjectHandle::newName("/OCG"));
                ocg.replaceKey("/Name", QPDFObjectHandle::newUnicodeString(begun[i].label));
                it->second = {"ca" + std::to_string(layer_of.size() - 1), pdf.makeIndirectObject(ocg)};
                order.push_back({begun[i].rank, it->second.second});
            }
            const auto& [resource, ocg] = it->second;
            for (const auto& [page, mcid] : content) {
                names[page][mcid] = resource;
                properties[page]["/" + resource] = ocg;
            }
        }

        for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            QPDFObjectHandle obj = page.getObjectHandle();
            obj.removeKey("/StructParents");
            const auto found = names.find(obj.getObjGen());
            if (found == names.end()) continue;
            QPDFObjectHandle resources = obj.getKey("/Resources");
            if (!resources.isDictionary()) {
                resources = QPDFObjectHandle::newDictionary();
                obj.replaceKey("/Resources", resources);
            }
            if (!resources.getKey("/Properties").isDictionary())
                resources.replaceKey("/Properties", QPDFObjectHandle::newDictionary());
            QPDFObjectHandle props = resources.getKey("/Properties");
            for (const auto& [name, ocg] : properties[obj.getObjGen()]) props.replaceKey(name, ocg);
            page.addContentTokenFilter(std::make_shared<SectToLayer>(found->second));
        }

        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        QPDFObjectHandle ocgs = QPDFObjectHandle::newArray();
        for (const auto& [rank, ocg] : order) ocgs.appendItem(ocg);
        QPDFObjectHandle defaults = QPDFObjectHandle::newDictionary();
        defaults.replaceKey("/Name", QPDFObjectHandle::newUnicodeString("ca-atlas"));
        defaults.replaceKey("/Order", ocgs);
        defaults.replaceKey("/ON", ocgs);
        QPDFObjectHandle oc = QPDFObjectHandle::newDictionary();
        oc.replaceKey("/OCGs", ocgs);
        oc.replaceKey("/D", defaults);
        root.replaceKey("/OCProperties", oc);
        root.removeKey("/StructTreeRoot");  // its content is layers now
        root.removeKey("/MarkInfo");

        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setDeterministicID(true);
        writer.write();
        rewritten = writer.getBufferSharedPointer();
    } catch (const OutputError&) {
        throw;
    } catch (const std::exception& e) {
        throw OutputError("cannot write '" + path + "': " + e.what());
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(rewritten->getBuffer()), std::streamsize(rewritten->getSize()));
    out.close();
    if (!out) throw OutputError("cannot write '" + path + "': the disk refused the layers");
}

}  // namespace atlas
