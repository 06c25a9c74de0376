# The peer for `ca-atlas --bench`: the same map drawn by Mapnik, the engine a map maker would
# script for this job. It reads the atlas's own data (geodata/atlas.gpkg, through Mapnik's OGR
# plugin), projects it to the atlas's Albers projection, and draws the region at the atlas's
# default view (centre 65 E 42 N, 4200 km tall): countries filled, provinces, borders and
# coasts stroked, every country named. Prints Mapnik's version ("mapnik 3.1.0") and its peak
# memory (VmHWM) as "peak N MiB".
# Usage: python3 mapnik_peer.py DATA_DIR OUT.png WIDTH HEIGHT
import sys

import mapnik

ALBERS = "+proj=aea +lat_0=42 +lon_0=65 +lat_1=32 +lat_2=52 +datum=WGS84 +units=m +no_defs"
VIEW_HEIGHT_M = 4200e3  # the atlas's default view: 4200 km from the top edge to the bottom


def layer(gpkg, name, style):
    return f"""
  <Layer name="{name}" srs="+proj=longlat +datum=WGS84 +no_defs">
    <StyleName>{style}</StyleName>
    <Datasource>
      <Parameter name="type">ogr</Parameter>
      <Parameter name="file">{gpkg}</Parameter>
      <Parameter name="layer">{name}</Parameter>
    </Datasource>
  </Layer>"""


def main():
    data, out, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    gpkg = data + "/atlas.gpkg"
    scale = max(1.0, height / 1080)  # lines and names as large as the atlas's at this size
    xml = f"""<Map srs="{ALBERS}" background-color="#b9d3e6">
  <Style name="land"><Rule>
    <PolygonSymbolizer fill="#efe9dc"/>
  </Rule></Style>
  <Style name="provinces"><Rule>
    <LineSymbolizer stroke="#c8bfae" stroke-width="{0.6 * scale}"/>
  </Rule></Style>
  <Style name="coasts"><Rule>
    <LineSymbolizer stroke="#6f8fa8" stroke-width="{1.0 * scale}"/>
  </Rule></Style>
  <Style name="borders"><Rule>
    <LineSymbolizer stroke="#7a6f64" stroke-width="{1.2 * scale}"/>
  </Rule></Style>
  <Style name="names"><Rule>
    <TextSymbolizer face-name="DejaVu Sans Book" size="{13 * scale}" fill="#333333"
        halo-fill="#ffffff" halo-radius="{1.5 * scale}" placement="interior">[name]</TextSymbolizer>
  </Rule></Style>
  {layer(gpkg, "countries", "land")}
  {layer(gpkg, "province_boundaries", "provinces")}
  {layer(gpkg, "coastlines", "coasts")}
  {layer(gpkg, "boundaries", "borders")}
  {layer(gpkg, "countries", "names")}
</Map>"""
    v = mapnik.mapnik_version()
    print(f"mapnik {v // 100000}.{v // 100 % 1000}.{v % 100}")
    mapnik.register_fonts("/usr/share/fonts/truetype/dejavu")
    m = mapnik.Map(width, height)
    mapnik.load_map_from_string(m, xml)
    half_h = VIEW_HEIGHT_M / 2
    half_w = half_h * width / height
    m.zoom_to_box(mapnik.Box2d(-half_w, -half_h, half_w, half_h))
    image = mapnik.Image(width, height)
    mapnik.render(m, image)
    image.save(out, "png24")
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print(f"peak {int(line.split()[1]) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
