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

export async function draw(element, kind, title, labels, values) {
    const echarts = await library();
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'svg' });
    const option = kind === 'pie'
        ? {
            // A slice of nothing is left out of the drawing (its label would crowd the others); the page's table still lists it.
            series: [{ type: 'pie', radius: ['40%', '70%'], data: labels.map((name, i) => ({ name, value: values[i] })).filter(d => d.value > 0), label: { formatter: '{b}：{c}' } }],
        }
        : {
            grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: labels, inverse: true },
            series: [{ type: 'bar', data: values, label: { show: true, position: 'right' } }],
        };
    // ECharts' aria describes the chart (its title and values) to screen readers; the page also has the numbers as a table.
    chart.setOption({ ...option, color: palette, tooltip: {}, aria: { enabled: true }, title: { show: false, text: title }, animation: false }, true);
    if (!element.dataset.observed) {
        element.dataset.observed = 'true';
        new ResizeObserver(() => chart.resize()).observe(element);
    }
}

export async function dispose(element) {
    if (globalThis.echarts) {
        globalThis.echarts.getInstanceByDom(element)?.dispose();
    }
}
