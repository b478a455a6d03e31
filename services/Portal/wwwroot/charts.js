// Apache ECharts, shipped with the portal (wwwroot/lib/echarts, no CDN), loaded by the first page that draws a chart.
// The page sends data and labels only; the look is set here, the same for every chart.
const palette = ['#0958d9', '#389e0d', '#d46b08', '#cf1322', '#531dab', '#08979c', '#c41d7f', '#7cb305'];
let loading;

function library() {
    loading ??= new Promise((resolve, reject) => {
        if (globalThis.echarts) {
            resolve(globalThis.echarts);
            return;
        }

        const script = document.createElement('script');
        script.src = new URL('lib/echarts/echarts.min.js', document.baseURI).href;
        script.onload = () => resolve(globalThis.echarts);
        script.onerror = () => reject(new Error('ECharts did not load'));
        document.head.append(script);
    });
    return loading;
}

// A grid of cells (the county's townships), four to a row, each coloured by its value (0–100, a share in per cent) and
// labelled with its name and value; a cell without a value (nothing to measure) is grey and says so.
function grid(labels, values, empty) {
    const columns = 4;
    const rows = Math.ceil(labels.length / columns);
    return {
        grid: { left: 0, right: 0, top: 0, bottom: 0 },
        xAxis: { type: 'category', data: [...Array(columns).keys()], show: false },
        yAxis: { type: 'category', data: [...Array(rows).keys()], show: false, inverse: true },
        // Light fills (below 60 %, 60–80 %, from 80 %), so the dark labels on them read well; a cell with nothing to
        // measure (-1) is grey (ECharts leaves a '-' cell out, and the township's name with it).
        visualMap: {
            type: 'piecewise', show: false,
            pieces: [{ lt: 0, color: '#f0f0f0' }, { gte: 0, lt: 60, color: '#ffccc7' }, { gte: 60, lt: 80, color: '#fff1b8' }, { gte: 80, color: '#d9f7be' }],
        },
        series: [{
            type: 'heatmap',
            data: labels.map((name, i) => ({ name, value: [i % columns, Math.floor(i / columns), values[i] ?? -1] })),
            itemStyle: { borderColor: '#fff', borderWidth: 3 },
            label: { show: true, color: '#1f1f1f', formatter: p => `${p.name}\n${p.value[2] < 0 ? empty : p.value[2] + '%'}` },
        }],
    };
}

export async function draw(element, kind, title, labels, series, links, empty) {
    // A person may leave the page before its charts are drawn (a menu link clicked on the 工作台 while it loads): the
    // element is gone then — null, or no longer in the page — and there is nothing to draw. Throwing here would end
    // the person's whole circuit, and the page they went to would never render.
    if (!element?.isConnected) {
        return;
    }
    const echarts = await library();
    if (!element.isConnected) {
        return;
    }
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'svg' });
    const first = series[0]?.values ?? [];
    const option = kind === 'pie'
        ? {
            // A slice of nothing is left out of the drawing (its label would crowd the others); the page's table still lists it.
            series: [{ type: 'pie', radius: ['40%', '70%'], data: labels.map((name, i) => ({ name, value: first[i] })).filter(d => d.value > 0), label: { formatter: '{b}：{c}' } }],
        }
        : kind === 'grid'
        ? grid(labels, first, empty)
        : kind === 'line'
        ? {
            grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
            legend: { top: 0 },
            xAxis: { type: 'category', data: labels },
            yAxis: { type: 'value', minInterval: 1 },
            series: series.map(s => ({ type: 'line', name: s.name, data: s.values, label: { show: true } })),
        }
        : {
            grid: { left: 8, right: 32, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
            legend: series.length > 1 ? { top: 0 } : undefined,
            xAxis: { type: 'value', minInterval: 1 },
            // A bar's label clicks through as its bar does (a bar of nothing has no area to click).
            yAxis: { type: 'category', data: labels, inverse: true, triggerEvent: links?.length > 0 },
            series: series.map(s => ({ type: 'bar', name: s.name, data: s.values, label: { show: true, position: 'right' } })),
        };
    // ECharts' aria describes the chart (its title and values) to screen readers; the page also has the numbers as a table.
    chart.setOption({ ...option, color: palette, tooltip: {}, aria: { enabled: true }, title: { show: false, text: title }, animation: false }, true);
    // A figure clicks through to the list behind it (the page also links to it, for the keyboard).
    chart.off('click');
    if (links?.length) {
        chart.on('click', p => {
            const href = links[p.componentType === 'series' ? p.dataIndex : labels.indexOf(p.value)] ?? links[0];
            if (href) {
                globalThis.Blazor?.navigateTo ? globalThis.Blazor.navigateTo(href) : location.assign(href);
            }
        });
    }
    if (!element.dataset.observed) {
        element.dataset.observed = 'true';
        new ResizeObserver(() => chart.resize()).observe(element);
    }
}

export async function dispose(element) {
    if (globalThis.echarts && element) {
        globalThis.echarts.getInstanceByDom(element)?.dispose();
    }
}
