"""The map's Qt-free parts: the projection and the hot-spot grid."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.map.density import density
from desktop.map.projection import Projection


def test_the_projection_is_in_metres_with_north_up_and_goes_back_exactly():
    projection = Projection.around([(-84.21, 39.77), (-84.18, 39.79)])
    assert (projection.longitude, projection.latitude) == pytest.approx((-84.195, 39.78))
    x, y = projection.to_scene(-84.18, 39.79)
    assert x == pytest.approx(1283, abs=2)  # 0.015 degrees of longitude at 39.78 N
    assert y == pytest.approx(-1112, abs=1)  # 0.01 degrees of latitude, northwards is up
    assert projection.to_degrees(x, y) == pytest.approx((-84.18, 39.79))
    assert Projection.around([]) == Projection(0.0, 0.0)


def test_the_density_grid_counts_points_per_cell_aligned_on_the_cell_size():
    points = [(5, 5), (95, 99), (105, 5), (-1, -1), (250, 250), (250.5, 299)]
    grid = density(points, cell=100)
    assert (grid.left, grid.top) == (-100, -100)
    assert grid.counts.tolist() == [[1, 0, 0, 0], [0, 2, 1, 0], [0, 0, 0, 0], [0, 0, 0, 2]]
    assert grid.highest == 2
    assert sorted(grid.cells()) == [(-100, -100, 1), (0, 0, 2), (100, 0, 1), (200, 200, 2)]
    assert int(grid.counts.sum()) == len(points)


def test_a_point_keeps_its_cell_when_others_are_added_and_an_empty_grid_has_none():
    alone = density([(130, 40)], cell=100)
    more = density([(130, 40), (-900, -900)], cell=100)
    assert alone.cells() == [(100, 0, 1)]
    assert (100, 0, 1) in more.cells()
    empty = density([])
    assert empty.cells() == [] and empty.highest == 0
    with pytest.raises(ValueError):
        density([(0, 0)], cell=0)


def test_many_points_are_counted_in_full():
    chance = np.random.default_rng(0)
    points = [tuple(p) for p in chance.normal(0, 300, size=(20_000, 2))]
    assert int(density(points).counts.sum()) == 20_000


def test_shading_grows_with_the_count_and_never_passes_one():
    grid = density([(0, 0)] * 4 + [(150, 0)], cell=100)
    assert grid.shades().tolist() == [[1.0, 0.5]]
    assert density([]).shades().size == 0
