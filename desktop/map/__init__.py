"""The Neighborhood page's map: a projection and hot-spot grid that know no Qt, and the canvas,
layers and editable shapes that draw them."""
