/**
 * An SVG QR code the server rendered, shown as an image: loaded through a data URL into an <img>,
 * SVG cannot run script or reach the page, whatever it contains.
 */
export function QrImage({ svg, label, size = 220 }: { readonly svg: string; readonly label: string; readonly size?: number }) {
  return <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} width={size} height={size} style={{ background: 'white', borderRadius: 8 }} data-testid="enroll-qr" />;
}
