/// The page's own script: it draws every `canvas[data-chart]` from the chart specs (`ChartSpec`, one JSON block)
/// with Chart.js, then makes tables sortable and fits the charts to paper when printing (`HTMLTableScript`), all in
/// one function scope. Without it the page still reads: every figure a chart shows is in a table.
enum HTMLScript {
    static let source = charts + "\n\n" + HTMLTableScript.source + "\n})();"

    /// Opens the function scope and draws the charts (kept in `charts` for printing).
    private static let charts = #"""
        (function () {
          'use strict';
          var specs = JSON.parse(document.getElementById('rehearsal-charts').textContent);
          var style = getComputedStyle(document.documentElement);
          var fg = style.getPropertyValue('--fg').trim() || '#1f2328';
          var muted = style.getPropertyValue('--muted').trim() || '#59636e';
          var grid = style.getPropertyValue('--line').trim() || '#d1d9e0';
          Chart.defaults.color = muted;
          Chart.defaults.borderColor = grid;
          Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
          Chart.defaults.animation = false;
          Chart.defaults.responsive = true;
          Chart.defaults.maintainAspectRatio = false;

          function alpha(hex, a) {
            var n = parseInt(hex.slice(1), 16);
            return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + a + ')';
          }
          function trim(v, digits) { return String(Number(v.toFixed(digits))); }
          function ms(v) {
            if (v >= 999.5) return trim(v / 1000, 2) + 's';
            if (v >= 100) return Math.round(v) + 'ms';
            if (v >= 10) return trim(v, 1) + 'ms';
            return trim(v, 2) + 'ms';
          }
          function value(v, unit) {
            if (unit === 'ms') return ms(v);
            if (unit === '%') return trim(v, 1) + '%';
            if (unit === 'Δ%') return (v > 0 ? '+' : '') + trim(v, 1) + '%';
            if (unit === '×') return trim(v, v >= 10 ? 0 : 2) + '×';
            if (unit === '/s') return trim(v, 1) + '/s';
            if (unit === 'pt') return (v > 0 ? '+' : '') + trim(v, 2) + 'pt';
            return trim(v, 2);
          }
          // x = 1/(1-p): 2 is the median, 100 the 99th percentile.
          function percentile(x) {
            var p = 100 * (1 - 1 / x);
            var digits = Math.max(0, Math.ceil(Math.log10(x)) - 2);
            return trim(p, digits) + '%';
          }

          // Reference lines and bands (spinner limit, thresholds, ramp stages, an abort), with their labels.
          var referenceLines = {
            id: 'referenceLines',
            afterDatasetsDraw: function (chart) {
              var lines = (chart.options.plugins.referenceLines || {}).lines || [];
              var ctx = chart.ctx, area = chart.chartArea, lastLabelX = -1e9;
              lines.forEach(function (line) {
                var scale = chart.scales[line.axis];
                if (!scale) return;
                var at = scale.getPixelForValue(line.value);
                var horizontal = line.axis === 'y';
                if (line.to !== undefined && line.to !== null) {
                  // A band (the minimal effect around no change), clipped to the plot.
                  var to = scale.getPixelForValue(line.to);
                  ctx.save();
                  ctx.fillStyle = alpha(line.color, 0.15);
                  if (horizontal) ctx.fillRect(area.left, Math.max(area.top, Math.min(at, to)), area.right - area.left, Math.abs(to - at));
                  else ctx.fillRect(Math.max(area.left, Math.min(at, to)), area.top, Math.min(Math.abs(to - at), area.right - area.left), area.bottom - area.top);
                  ctx.restore();
                  return;
                }
                if (horizontal ? (at < area.top - 1 || at > area.bottom + 1) : (at < area.left - 1 || at > area.right + 1)) return;
                ctx.save();
                ctx.strokeStyle = line.color;
                ctx.fillStyle = line.color;
                ctx.lineWidth = 1.5;
                ctx.setLineDash(line.dashed ? [6, 4] : []);
                ctx.beginPath();
                if (horizontal) { ctx.moveTo(area.left, at); ctx.lineTo(area.right, at); }
                else { ctx.moveTo(at, area.top); ctx.lineTo(at, area.bottom); }
                ctx.stroke();
                ctx.font = '11px ' + Chart.defaults.font.family;
                if (horizontal) {
                  ctx.textAlign = 'right';
                  ctx.fillText(line.label, area.right - 4, at - 4);
                } else if (at - lastLabelX > 70) {
                  // Vertical labels only where they do not run into the previous one.
                  ctx.translate(at + 3, area.top + 4);
                  ctx.rotate(Math.PI / 2);
                  ctx.textAlign = 'left';
                  ctx.fillText(line.label, 0, 0);
                  lastLabelX = at;
                }
                ctx.restore();
              });
            }
          };
          Chart.register(referenceLines);

          function xyPoints(points) { return points.map(function (p) { return { x: p[0], y: p[1] }; }); }

          function lineDataset(s, stepped) {
            return {
              label: s.label, data: xyPoints(s.points || []), borderColor: s.color, backgroundColor: s.fill_to_previous ? alpha(s.color, 0.18) : s.color,
              borderWidth: s.thin ? 1 : 2, borderDash: s.dashed ? [6, 4] : [], pointRadius: s.marker ? 7 : 0,
              pointHoverRadius: s.marker ? 8 : 3, pointStyle: s.marker ? 'triangle' : 'circle', showLine: !s.marker,
              fill: s.fill_to_previous ? '-1' : false, stepped: stepped ? 'before' : false, tension: 0, spanGaps: true
            };
          }

          function legend(spec) {
            return {
              display: spec.series.length > 1 || spec.kind === 'percentile',
              labels: {
                boxWidth: 14,
                filter: function (item, data) {
                  var s = spec.series[item.datasetIndex];
                  return !(s && s.thin && !s.fill_to_previous) && item.text !== '';
                }
              }
            };
          }

          var builders = {
            percentile: function (spec) {
              var ticks = [1, 2, 10, 100, 1000, 10000, 100000, 1000000, 10000000];
              return {
                type: 'line',
                data: { datasets: spec.series.map(function (s) { return lineDataset(s, false); }) },
                options: {
                  parsing: false, interaction: { mode: 'nearest', intersect: false, axis: 'x' },
                  scales: {
                    x: {
                      type: 'logarithmic', min: 1, max: spec.x_max,
                      title: { display: true, text: spec.x_title },
                      afterBuildTicks: function (axis) {
                        axis.ticks = ticks.filter(function (v) { return v <= axis.max; }).map(function (v) { return { value: v }; });
                      },
                      ticks: { callback: function (v) { return v === 1 ? '0%' : percentile(v); } }
                    },
                    y: {
                      beginAtZero: true, max: spec.y_max || undefined, title: { display: true, text: spec.y_title },
                      ticks: { callback: function (v) { return ms(v); } }
                    }
                  },
                  plugins: {
                    legend: legend(spec), referenceLines: { lines: spec.lines },
                    tooltip: { callbacks: {
                      title: function (items) { return items.length ? percentile(items[0].parsed.x) : ''; },
                      label: function (c) { return c.dataset.label + ': ' + ms(c.parsed.y); }
                    } }
                  }
                }
              };
            },
            xy: function (spec) {
              return {
                type: 'line',
                data: { datasets: spec.series.map(function (s) {
                  var d = lineDataset(s, spec.stepped);
                  // A few points (load levels) are shown as points, not only as a line through them.
                  if ((s.points || []).length <= 30) d.pointRadius = 3;
                  return d;
                }) },
                options: {
                  parsing: false, interaction: { mode: 'nearest', intersect: false, axis: 'x' },
                  scales: {
                    x: {
                      type: spec.log_x ? 'logarithmic' : 'linear', title: { display: true, text: spec.x_title },
                      afterBuildTicks: spec.x_ticks ? function (axis) {
                        axis.ticks = spec.x_ticks.map(function (v) { return { value: v }; });
                      } : undefined,
                      ticks: { callback: function (v) { return trim(v, 2); } }
                    },
                    y: {
                      beginAtZero: true, max: spec.y_max || undefined, title: { display: true, text: spec.y_title },
                      ticks: { callback: function (v) { return value(v, spec.unit); } }
                    }
                  },
                  plugins: {
                    legend: legend(spec), referenceLines: { lines: spec.lines },
                    tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + value(c.parsed.y, spec.unit); } } }
                  }
                }
              };
            },
            bars: function (spec) {
              var ranged = spec.series.some(function (s) { return s.ranges; });
              return {
                type: 'bar',
                data: {
                  labels: spec.categories,
                  datasets: spec.series.map(function (s) {
                    return {
                      label: s.label, data: s.ranges || s.values, backgroundColor: s.colors || s.color,
                      borderColor: s.colors || s.color, borderWidth: 0, grouped: !ranged, borderSkipped: false,
                      barPercentage: 0.85, categoryPercentage: 0.85
                    };
                  })
                },
                options: {
                  indexAxis: 'y',
                  scales: {
                    x: {
                      stacked: !!spec.stacked, beginAtZero: true, title: { display: !!spec.x_title, text: spec.x_title },
                      ticks: { callback: function (v) { return value(v, spec.unit); } }
                    },
                    y: { stacked: !!spec.stacked, ticks: { autoSkip: false } }
                  },
                  plugins: {
                    legend: { display: spec.series.length > 1, labels: { boxWidth: 14 } },
                    referenceLines: { lines: spec.lines },
                    tooltip: { callbacks: { label: function (c) {
                      var raw = c.raw;
                      var shown = Array.isArray(raw) ? value(raw[0], spec.unit) + ' → ' + value(raw[1], spec.unit) + ' (' + value(raw[1] - raw[0], spec.unit) + ')' : value(raw, spec.unit);
                      return c.dataset.label + ': ' + shown;
                    } } }
                  }
                }
              };
            },
            forest: function (spec) {
              var interval = spec.series[0], estimate = spec.series[1];
              return {
                type: 'bar',
                data: {
                  labels: spec.categories,
                  datasets: [
                    {
                      type: 'line', label: estimate.label, showLine: false, pointStyle: 'rectRot', pointRadius: 6,
                      pointHoverRadius: 7, backgroundColor: estimate.colors || estimate.color, borderColor: fg,
                      borderWidth: 1, data: estimate.values.map(function (v, i) { return { x: v, y: spec.categories[i] }; })
                    },
                    {
                      label: interval.label, data: interval.ranges, backgroundColor: (interval.colors || []).map(function (c) { return alpha(c, 0.55); }),
                      borderWidth: 0, barPercentage: 0.35, grouped: false
                    }
                  ]
                },
                options: {
                  indexAxis: 'y',
                  scales: {
                    x: {
                      type: spec.log_x ? 'logarithmic' : 'linear', title: { display: true, text: spec.x_title },
                      afterBuildTicks: spec.log_x ? function (axis) {
                        // 1, 2, 5, 10, 20, 50…: a log axis people can read.
                        axis.ticks = axis.ticks.filter(function (t) {
                          var m = t.value / Math.pow(10, Math.floor(Math.log10(t.value) + 1e-9));
                          return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
                        });
                      } : undefined,
                      ticks: { callback: function (v) { return value(v, spec.unit); } }
                    },
                    y: { type: 'category', labels: spec.categories, ticks: { autoSkip: false } }
                  },
                  plugins: {
                    legend: { display: true, labels: { boxWidth: 14, generateLabels: function (chart) {
                      // Rows are coloured by verdict; the legend names the marks, in neutral colours.
                      return [
                        { text: estimate.label, fillStyle: muted, strokeStyle: fg, lineWidth: 1, pointStyle: 'rectRot', datasetIndex: 0 },
                        { text: interval.label, fillStyle: alpha('#8C8C8C', 0.55), strokeStyle: 'rgba(0,0,0,0)', lineWidth: 0, datasetIndex: 1 }
                      ];
                    } } },
                    referenceLines: { lines: spec.lines },
                    tooltip: { callbacks: { label: function (c) {
                      var raw = c.raw;
                      if (Array.isArray(raw)) return c.dataset.label + ': ' + value(raw[0], spec.unit) + ' … ' + value(raw[1], spec.unit);
                      return c.dataset.label + ': ' + value(raw.x, spec.unit);
                    } } }
                  }
                }
              };
            }
          };

          var charts = [];
          document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
            var spec = specs[canvas.getAttribute('data-chart')];
            if (!spec || !builders[spec.kind]) return;
            charts.push(new Chart(canvas, builders[spec.kind](spec)));
          });
        """#
}
