<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertsMenu</name>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="19"/>
        <source>&amp;Alerts</source>
        <translation>提醒(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="22"/>
        <source>Group chat robots…</source>
        <translation>群机器人推送…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="23"/>
        <source>Send every day…</source>
        <translation>每天自动发送…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="25"/>
        <source>Remind me before clocks run out</source>
        <translation>时钟快到期时提醒我</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="26"/>
        <source>Remind how long before…</source>
        <translation>提前多久提醒…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="27"/>
        <source>Keep running in the tray when the window is closed</source>
        <translation>关闭窗口时留在系统托盘</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="29"/>
        <source>Import new exports from the watched folder</source>
        <translation>自动导入监视文件夹里的新导出文件</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="30"/>
        <source>Choose the watched folder…</source>
        <translation>选择监视的文件夹…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/alerts_menu.py" line="55"/>
        <source>Folder to watch for 抖店 exports</source>
        <translation>监视抖店导出文件的文件夹</translation>
    </message>
</context>
<context>
    <name>AreaPage</name>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="223"/>
        <source>Affected period and area</source>
        <translation>影响时段和区域</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="224"/>
        <source>An order is covered when its deadline lies in the period and its area matches.</source>
        <translation>订单的截止时间在影响时段内、且区域相符，才算覆盖。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="229"/>
        <source>(choose a province)</source>
        <translation>（选择省份）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="236"/>
        <source>city, e.g. 杭州市 (optional)</source>
        <translation>市，如 杭州市（可不填）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="237"/>
        <source>district, e.g. 余杭区 (optional)</source>
        <translation>区县，如 余杭区（可不填）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="238"/>
        <source>street (optional)</source>
        <translation>街道（可不填）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="241"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="241"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="241"/>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="241"/>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="241"/>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="256"/>
        <source>Check coverage</source>
        <translation>检查覆盖</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="263"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="267"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="337"/>
        <source>The covered clocks need checking: their due time is unknown. File as soon as you can.</source>
        <translation>覆盖的时钟需要核对：截止时间未知，请尽早提交。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="340"/>
        <source>No covered clock yet: adjust the period or area.</source>
        <translation>还没有被覆盖的时钟：请调整时段或区域。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="343"/>
        <source>already passed</source>
        <translation>已过</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="345"/>
        <source>Latest moment to file: {latest} ({countdown}). {why}</source>
        <translation>最晚提交时间：{latest}（{countdown}）。{why}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="330"/>
        <source> Tick &apos;A violation notice has arrived&apos; on the first page then.</source>
        <translation>收到违规通知后，在第一页勾选“已收到违规通知”并填写日期。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="355"/>
        <source>The period ends before it starts</source>
        <translation>影响时段的结束早于开始</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="357"/>
        <source>Choose the province</source>
        <translation>请选择省份</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="359"/>
        <source>No covered order kept: widen the period or change the area</source>
        <translation>没有保留任何覆盖的订单：请放宽时段或修改区域</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <location filename="../../shopguard/ui/first_load.py" line="30"/>
        <source>Opening your data…</source>
        <translation>正在打开数据……</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_load.py" line="99"/>
        <source>Working out the deadlines of every order…</source>
        <translation>正在计算所有订单的时限……窗口可以照常使用</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="258"/>
        <source>Copy to a new date</source>
        <translation>复制到新日期</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="269"/>
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="270"/>
        <source>Starts at</source>
        <translation>开始时间</translation>
    </message>
</context>
<context>
    <name>CorrectionConfirm</name>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="24"/>
        <source>no clock</source>
        <translation>无此时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="37"/>
        <source>{clock}: due {before} → {after}</source>
        <translation>{clock}：截止 {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="43"/>
        <source>{clock}: unchanged, due {before}</source>
        <translation>{clock}：不变，截止 {before}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="55"/>
        <source>Correct a time</source>
        <translation>更正时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="58"/>
        <source>Set {label} of order {order} to {time}?</source>
        <translation>把订单 {order} 的{label}更正为 {time}？</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="64"/>
        <source>This correction changes no due time.</source>
        <translation>这个更正不会改变任何截止时间。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="66"/>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/correction_confirm.py" line="67"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DeadlineTableModel</name>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="35"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="36"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="37"/>
        <source>Tracking / after-sale no.</source>
        <translation>物流/售后单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="38"/>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="39"/>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="40"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="43"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="44"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="109"/>
        <source>{risk} ({now} incurred)</source>
        <translation>{risk}（已产生 {now}）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="217"/>
        <source>[handled] </source>
        <translation>【已处理】</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="42"/>
        <source>Deduction at risk</source>
        <translation>可能扣款</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="218"/>
        <source>[corrected] </source>
        <translation>【已更正】</translation>
    </message>
</context>
<context>
    <name>DesktopAlerts</name>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="88"/>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="99"/>
        <source>Remind how long before</source>
        <translation>提前多久提醒</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="90"/>
        <source>Minutes before each clock runs out, e.g. 发货=120, 揽收=120, 退款=60 (clocks not listed: no reminder)</source>
        <translation>每种时钟在超时前多少分钟提醒，如 发货=120, 揽收=120, 退款=60（没写的时钟不提醒）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="108"/>
        <source>This desktop has no system tray: closing the window quits ShopGuard, and reminders show in the status bar while the window is open.</source>
        <translation>这个桌面没有系统托盘：关闭窗口会退出 ShopGuard；窗口开着时，提醒显示在状态栏。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="120"/>
        <source>Open ShopGuard</source>
        <translation>打开 ShopGuard</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="121"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="221"/>
        <source>Watched folder: {error}</source>
        <translation>监视文件夹：{error}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/desktop_alerts.py" line="229"/>
        <source>ShopGuard imported {count} file(s)</source>
        <translation>ShopGuard 自动导入了 {count} 个文件</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="45"/>
        <location filename="../../shopguard/ui/detail_pane.py" line="132"/>
        <source>Mark as handled</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="50"/>
        <source>Write a note, e.g. called the courier outlet, pickup tomorrow morning</source>
        <translation>写一条备注，例如：已联系网点，明早补揽收</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="53"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="92"/>
        <source>File a report / appeal (报备/申诉)…</source>
        <translation>报备/申诉…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="99"/>
        <source>A corrected time wins over imported data and is marked on the clocks</source>
        <translation>更正后以手动时间为准，并在时钟上注明</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="125"/>
        <source>Select a row in the table to see all clocks of its order, the rules behind them and what to do.</source>
        <translation>在左侧表格中选择一行，这里会显示该订单的全部时钟、依据和处理办法。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="132"/>
        <source>Handled (click to undo)</source>
        <translation>已处理（点击取消）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="184"/>
        <source>Order {order}</source>
        <translation>订单 {order}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="191"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="207"/>
        <source>After-sale {number}</source>
        <translation>售后单 {number}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="213"/>
        <source>Start {start} · due {due} · done {done}</source>
        <translation>开始 {start} · 截止 {due} · 完成 {done}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="218"/>
        <source>Rule: {rule}</source>
        <translation>规则：{rule}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="219"/>
        <source>default value, not verified</source>
        <translation>默认值，未核实</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="233"/>
        <source>What to do: {todo}</source>
        <translation>怎么做：{todo}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="246"/>
        <source>Deduction: unknown ({why})</source>
        <translation>扣款：未知（{why}）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="248"/>
        <source>Deduction at risk: {money}</source>
        <translation>可能扣款：{money}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="251"/>
        <source> ({money} of it incurred, to be deducted)</source>
        <translation>（其中 {money} 已产生，将被扣除）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="60"/>
        <source>e.g. 2026-11-27 14:30</source>
        <translation>例如 2026-11-27 14:30</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="63"/>
        <source>Correct time…</source>
        <translation>更正时间…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="74"/>
        <source>Undo correction</source>
        <translation>撤销更正</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/detail_pane.py" line="166"/>
        <source>「{text}」 is not a time: write it as 2026-11-27 14:30 or 2026/11/27 14:30:00</source>
        <translation>「{text}」不是时间：请写成 2026-11-27 14:30 或 2026/11/27 14:30:00</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <location filename="../../shopguard/ui/error_handler.py" line="45"/>
        <source>ShopGuard hit a problem</source>
        <translation>ShopGuard 出错了</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/error_handler.py" line="46"/>
        <source>Something unexpected went wrong. It has been logged and you can keep working.</source>
        <translation>程序遇到一个意外错误，已记录下来，可以继续使用。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/error_handler.py" line="48"/>
        <source>To ask for help, copy the report below and send it to us.</source>
        <translation>如需求助，请把下面的报告复制发给我们。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/error_handler.py" line="50"/>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="370"/>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="372"/>
        <source>Attach images or PDFs and tick what each one shows. Missing items block &apos;ready&apos;, not a draft.</source>
        <translation>添加图片或 PDF，并勾选每个文件包含的要素。材料不全时不能标为可提交，但可以保存草稿。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="382"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="402"/>
        <source>This file is</source>
        <translation>这个文件是</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="403"/>
        <source>It shows</source>
        <translation>它包含</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="419"/>
        <source>{name}: only images or PDF files.</source>
        <translation>{name}：只接受图片或 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="434"/>
        <source>Images and PDF (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.pdf *.heic)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.pdf *.heic)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="435"/>
        <source>Choose evidence</source>
        <translation>选择证明材料</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="483"/>
        <source>Complete.</source>
        <translation>材料齐全。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="483"/>
        <source>Still missing: {items}</source>
        <translation>尚缺：{items}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="485"/>
        <source>Needed:</source>
        <translation>需要：</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="389"/>
        <source>Forged or altered evidence is punished: ¥1,000 and 3 days&apos; closure, removal from the platform when serious. ShopGuard copies your files as they are and never changes them.</source>
        <translation>伪造或篡改报备/申诉证据会被处罚：违约金 ¥1,000 并停业整顿 3 天，情节特别严重的清退（《商家【其他资质/材料虚假】细则》）。ShopGuard 只原样复制你的文件，从不修改。</translation>
    </message>
</context>
<context>
    <name>FilingWizard</name>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="81"/>
        <source>Filing assistant (报备/申诉)</source>
        <translation>报备助手（报备/申诉）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="84"/>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="145"/>
        <source>; once that is solved, press Build package again (the same filing is kept).</source>
        <translation>；解决这个问题后再按一次「生成材料包」（仍是这一份报备，不会重复建立）。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="151"/>
        <source>Draft #{id} saved.</source>
        <translation>草稿 #{id} 已保存。</translation>
    </message>
</context>
<context>
    <name>FilingsDialog</name>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="48"/>
        <source>Filings</source>
        <translation>报备记录</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="51"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="51"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="51"/>
        <location filename="../../shopguard/ui/filings_dialog.py" line="80"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="51"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="51"/>
        <source>File by</source>
        <translation>最晚提交</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="52"/>
        <source>Ticket</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="52"/>
        <source>Package</source>
        <translation>材料包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="64"/>
        <source>the platform&apos;s reason, when rejected</source>
        <translation>被驳回时填写平台给出的原因</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="65"/>
        <source>The platform set a new due time</source>
        <translation>平台给了新的考核时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="70"/>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="72"/>
        <source>Open package folder</source>
        <translation>打开材料包文件夹</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="81"/>
        <source>Ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="82"/>
        <source>Rejection reason</source>
        <translation>驳回原因</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="75"/>
        <source>Platform asked for evidence (24 h)</source>
        <translation>平台要求举证（计 24 小时）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="77"/>
        <source>Violation notice arrived (appeal, 7 days)</source>
        <translation>收到违规通知（改为申诉，7 天）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="141"/>
        <source>passed: appeal after the violation notice</source>
        <translation>已过：收到违规通知后申诉</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="143"/>
        <source>passed</source>
        <translation>已过</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filings_dialog.py" line="145"/>
        <source>; evidence by {time}</source>
        <translation>；举证截止 {time}</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="532"/>
        <source>Package ready</source>
        <translation>材料包已生成</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="536"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="549"/>
        <source>Submit by {latest}.</source>
        <translation>请在 {latest} 前提交。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="552"/>
        <source>Filing #{id} is {status}.</source>
        <translation>报备 #{id}：{status}。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="553"/>
        <source> Still missing: {items}</source>
        <translation>尚缺材料：{items}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="555"/>
        <source>Package folder:</source>
        <translation>材料包文件夹：</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="557"/>
        <source>Zip file:</source>
        <translation>压缩包：</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="33"/>
        <source>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="34"/>
        <source>Choose 抖店 exports or tracking sheets</source>
        <translation>选择抖店导出文件或快递轨迹表</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="45"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="45"/>
        <source>The previous import has not finished yet.</source>
        <translation>上一次导入还没有结束，请稍候。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="52"/>
        <source>Importing {count} file(s)…</source>
        <translation>正在导入 {count} 个文件…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="79"/>
        <source>Reading {file}: {rows} rows so far…</source>
        <translation>正在读取 {file}：已读 {rows} 行…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="83"/>
        <source>Cancelling the import…</source>
        <translation>正在取消导入…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_flow.py" line="91"/>
        <source>Import cancelled: the file being read was not imported; earlier files were.</source>
        <translation>导入已取消：正在读取的文件没有导入，之前的文件已导入。</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="47"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="97"/>
        <source>{file} ({kind}): the same file was imported before; nothing changed</source>
        <translation>{file}（{kind}）：与之前导入的文件相同，没有变化</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="101"/>
        <source>{file} ({kind}): {rows} rows, {new} new, {updated} updated, {unchanged} unchanged, {problems} problems</source>
        <translation>{file}（{kind}）：{rows} 行，新增 {new}，更新 {updated}，未变 {unchanged}，问题 {problems}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="112"/>
        <source>{count} problem(s), listed below with file, row and column.</source>
        <translation>有 {count} 个问题，详见下方（每条写明文件、行和列）。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="141"/>
        <source>No clock changed status with this import.</source>
        <translation>这次导入没有改变任何时钟的状态。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="142"/>
        <source>This import changed the clocks of {orders} order(s), {check} of them now need checking:</source>
        <translation>这次导入改变了 {orders} 个订单的时钟状态，其中 {check} 个现在需要核对：</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="147"/>
        <source>… and {count} more order(s): see the list</source>
        <translation>……还有 {count} 个订单，请在列表中查看</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="151"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="153"/>
        <source>After-sales without an order number: {changes}</source>
        <translation>没有订单号的售后：{changes}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="154"/>
        <source>Order {order}: {changes}</source>
        <translation>订单 {order}：{changes}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="160"/>
        <source>{clock} ({which})</source>
        <translation>{clock}（{which}）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="162"/>
        <source>{clock} new, {after}</source>
        <translation>{clock} 新增 {after}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="164"/>
        <source>no longer timed</source>
        <translation>不再计时</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="165"/>
        <source>{clock} {before} → {after}</source>
        <translation>{clock} {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="31"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="32"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="33"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="34"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="73"/>
        <source>… {count} more problem(s) not listed</source>
        <translation>……还有 {count} 个问题没有列出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="111"/>
        <source>No problems.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="122"/>
        <source>whole file</source>
        <translation>整个文件</translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="32"/>
        <source>Other (custom server)</source>
        <translation>其他（自定义服务器）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="42"/>
        <source>QQ/163: the authorisation code (授权码); kept in the system&apos;s credential store</source>
        <translation>QQ/163 邮箱填“授权码”；保存在系统的密码保管服务中</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="44"/>
        <source>packer@example.com, service@example.com</source>
        <translation>packer@example.com, service@example.com</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="48"/>
        <source>Do not send automatically</source>
        <translation>不自动发送</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="49"/>
        <source>Send every day at</source>
        <translation>每天定时发送</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="50"/>
        <location filename="../../shopguard/ui/mail_settings.py" line="111"/>
        <source>Send test email</source>
        <translation>发送测试邮件</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="61"/>
        <source>Mailbox</source>
        <translation>发件邮箱</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="62"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="63"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="64"/>
        <source>Password</source>
        <translation>密码/授权码</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="65"/>
        <source>Send the report to</source>
        <translation>晨报收件人</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="66"/>
        <source>Daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mail_settings.py" line="118"/>
        <source>Sent to {to}</source>
        <translation>已发给 {to}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="25"/>
        <source>order export</source>
        <translation>订单导出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="26"/>
        <source>after-sales export</source>
        <translation>售后单导出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="27"/>
        <source>tracking sheet</source>
        <translation>快递轨迹表</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/import_summary.py" line="28"/>
        <source>not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="93"/>
        <source>ShopGuard - Douyin shop deadlines</source>
        <translation>ShopGuard 抖店时效管家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="93"/>
        <source> (demo data)</source>
        <translation>（演示数据）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="111"/>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="114"/>
        <source>Recalculate</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="117"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="122"/>
        <source>File a report…</source>
        <translation>报备…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="123"/>
        <source>报备/申诉 for the selected orders</source>
        <translation>为选中的订单报备/申诉</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="127"/>
        <source>&amp;Report</source>
        <translation>晨报(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="128"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="129"/>
        <source>Export report with every clock…</source>
        <translation>导出报告（含全部时钟）…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="130"/>
        <source>Open in mail client</source>
        <translation>用邮件客户端打开</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="131"/>
        <source>Send email</source>
        <translation>发送邮件</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="134"/>
        <source>Rule calendar…</source>
        <translation>规则日历…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="136"/>
        <source>Filings…</source>
        <translation>报备记录…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="140"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="144"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="150"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="162"/>
        <location filename="../../shopguard/ui/main_window.py" line="168"/>
        <source>Needs filing?</source>
        <translation>需要报备？</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="166"/>
        <source>Shipping and logistics clocks overdue, needing a check, or due within 24 h</source>
        <translation>已超时、需要核对或 24 小时内到期的发货和物流时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="174"/>
        <source>All clocks</source>
        <translation>全部时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="180"/>
        <source>Search order, tracking or after-sale number, or product</source>
        <translation>搜索订单号、物流单号、售后单号或商品</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="188"/>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="190"/>
        <source>Courier</source>
        <translation>快递</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="192"/>
        <source>After-sale type</source>
        <translation>售后类型</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="273"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="288"/>
        <source>Recalculating…</source>
        <translation>正在重新计算…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="301"/>
        <source>All couriers</source>
        <translation>全部快递</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="302"/>
        <source>All after-sale types</source>
        <translation>全部售后类型</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="375"/>
        <source>At risk {money}</source>
        <translation>可能扣款 {money}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="387"/>
        <source>Demo data · </source>
        <translation>演示数据 · </translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="388"/>
        <source>As of {time} (Beijing time) · showing {shown} of {total} clocks · rule packs: {packs}</source>
        <translation>截至 {time}（北京时间）· 显示 {shown} / {total} 个时钟 · 规则包：{packs}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="533"/>
        <location filename="../../shopguard/ui/main_window.py" line="540"/>
        <source>Cannot correct the time</source>
        <translation>无法更正时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="573"/>
        <source>File a report</source>
        <translation>报备</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="573"/>
        <source>Select the orders to file for first.</source>
        <translation>请先在表格中选择要报备的订单。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="148"/>
        <source>Platform notices…</source>
        <translation>平台公告…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="222"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="343"/>
        <source>No clock matches 「{text}」 with these filters</source>
        <translation>没有与「{text}」匹配的时钟（在当前筛选条件下）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="345"/>
        <source>No clock in this group with these filters</source>
        <translation>当前筛选条件下，这一组没有时钟</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../shopguard/ui/mapping_dialog.py" line="24"/>
        <source>Which column is which?</source>
        <translation>哪一列是什么？</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mapping_dialog.py" line="26"/>
        <source>ShopGuard does not recognise the columns of {file}. Say once what each one is; files with the same columns will be read the same way from now on.</source>
        <translation>ShopGuard 认不出 {file} 的列。请指定一次每列是什么；以后列相同的文件都会按这个方式读取。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mapping_dialog.py" line="42"/>
        <source>This file is a</source>
        <translation>这个文件是</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mapping_dialog.py" line="54"/>
        <source>— not in this file —</source>
        <translation>—（文件中没有）—</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/mapping_dialog.py" line="71"/>
        <source>Please choose: {columns}</source>
        <translation>请选择：{columns}</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../shopguard/ui/notice_banner.py" line="53"/>
        <source>Open the rule calendar</source>
        <translation>打开规则日历</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_banner.py" line="54"/>
        <source>Open filings</source>
        <translation>打开报备记录</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_banner.py" line="61"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>NoticeForm</name>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="59"/>
        <source>Platform notices</source>
        <translation>平台发货调整公告</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="62"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="67"/>
        <source>as the notice is titled, e.g. 受台风影响平台发货及服务调整公告</source>
        <translation>照公告标题填写，如 受台风影响平台发货及服务调整公告</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="70"/>
        <source>Paste the notice&apos;s list: 广东省/汕头市, 河南省/郑州市/金水区, or 汕头、揭阳、潮州</source>
        <translation>粘贴公告里的地区：广东省/汕头市，河南省/郑州市/金水区，或 汕头、揭阳、潮州</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="86"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="89"/>
        <source>New latest ship time</source>
        <translation>新的最晚发货时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="90"/>
        <source>Days added to the due time</source>
        <translation>在原截止时间上顺延</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="91"/>
        <source>Shipping not assessed</source>
        <translation>不考核发货时效</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="93"/>
        <source>2026-07-25 23:59:59 (a date alone means 23:59:59)</source>
        <translation>2026-07-25 23:59:59（只写日期按当天 23:59:59）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="96"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="101"/>
        <source>The platform exempts by itself (平台主动豁免)</source>
        <translation>平台主动豁免</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="102"/>
        <source>Merchants must file (商家报备)</source>
        <translation>需商家报备</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="113"/>
        <source>Title</source>
        <translation>公告标题</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="114"/>
        <source>Places</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="115"/>
        <source>Match on</source>
        <translation>按哪个地址</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="116"/>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="117"/>
        <source>Grants</source>
        <translation>调整为</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="118"/>
        <source>How</source>
        <translation>豁免方式</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="128"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="128"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="128"/>
        <source>Due before</source>
        <translation>原截止时间</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="128"/>
        <source>Due after</source>
        <translation>调整后</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="128"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="133"/>
        <source>Preview covered orders</source>
        <translation>预览覆盖的订单</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="135"/>
        <source>Save notice</source>
        <translation>保存公告</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="137"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="146"/>
        <source>Saved notices</source>
        <translation>已保存的公告</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="183"/>
        <source>needs filing</source>
        <translation>需报备</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="183"/>
        <source>automatic</source>
        <translation>平台主动豁免</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="196"/>
        <source>Remove notice #%1? The orders it covers get their own due times back.</source>
        <translation>删除公告 #%1？它覆盖的订单将恢复原来的截止时间。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="229"/>
        <source>Preview the covered orders first: saving needs the preview of this form</source>
        <translation>请先预览覆盖的订单：保存前须预览当前填写的内容</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="251"/>
        <source>%1 open orders are covered: %2.</source>
        <translation>覆盖 %1 个未完成订单：%2。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="259"/>
        <source>not assessed</source>
        <translation>不考核</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/notice_form.py" line="275"/>
        <source>Saved as notice #%1; the deadlines follow it now.</source>
        <translation>已保存为公告 #%1，截止时间已按它调整。</translation>
    </message>
</context>
<context>
    <name>PackEditor</name>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="49"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="50"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="51"/>
        <source>23:59:59 on day N (0 = the same day)</source>
        <translation>第 N 天 23:59:59（0 = 当天）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="52"/>
        <source>hours added to the daily limit</source>
        <translation>在日常时限上延长（小时）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="53"/>
        <source>not penalised</source>
        <translation>不判罚</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="56"/>
        <source>all merchants</source>
        <translation>全部商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="57"/>
        <source>domestic merchants</source>
        <translation>国内商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="58"/>
        <source>cross-border (全球购) merchants</source>
        <translation>全球购商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="61"/>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="62"/>
        <source>Limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="63"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="64"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="65"/>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="66"/>
        <source>Tested on</source>
        <translation>按哪个时间判断</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="67"/>
        <source>Merchants</source>
        <translation>适用商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="68"/>
        <source>Regions (e.g. 河南/郑州)</source>
        <translation>地区（如 河南/郑州）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="69"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="128"/>
        <source>Promo rule pack</source>
        <translation>活动规则包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="135"/>
        <source>e.g. 抖音 2026 618 大促时效调整</source>
        <translation>如：抖音 2026 618 大促时效调整</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="136"/>
        <source>the notice&apos;s title</source>
        <translation>平台公告标题</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="142"/>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="142"/>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="145"/>
        <source>Check and preview</source>
        <translation>检查并预览</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="153"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="154"/>
        <source>Short name (shown on clocks)</source>
        <translation>简称（显示在时钟上）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="155"/>
        <source>Notice</source>
        <translation>公告</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="156"/>
        <source>Notice link</source>
        <translation>公告链接</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="157"/>
        <source>Notice date</source>
        <translation>公告日期</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="165"/>
        <source>Rules (a rule applies when the chosen time falls in its window, both ends included)</source>
        <translation>规则（所选时间落在窗口内时适用，含两端）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="276"/>
        <source>Cannot save yet:</source>
        <translation>还不能保存：</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="284"/>
        <source>{count} deadlines in the store change:</source>
        <translation>数据库中有 {count} 个截止时间会改变：</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="287"/>
        <source>Conflict: {text}</source>
        <translation>冲突：{text}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_editor.py" line="294"/>
        <source>{count} deadlines change. Save this pack?</source>
        <translation>有 {count} 个截止时间会改变。保存这个规则包吗？</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="361"/>
        <source>ShopGuard is working on a new, empty database.</source>
        <translation>ShopGuard 现在使用的是新建的空数据库。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="365"/>
        <source>The list below is from {time} and may be out of date.</source>
        <translation>下面的清单是 {time} 的数据，可能已经过时。</translation>
    </message>
</context>
<context>
    <name>PushSettingsDialog</name>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="29"/>
        <location filename="../../shopguard/ui/push_settings.py" line="97"/>
        <location filename="../../shopguard/ui/push_settings.py" line="113"/>
        <source>Group chat robots</source>
        <translation>群机器人推送</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="37"/>
        <source>The daily automatic send (Alerts → Send every day) and `shopguard push` send one summary to every robot set up here. Addresses and secrets are kept in the system&apos;s credential store, never in a file. If the robot uses keyword security, set the keyword to ShopGuard.</source>
        <translation>每天自动发送（提醒 → 每天自动发送）和 shopguard push 会给这里设置的每个群机器人发一条时效摘要。地址和密钥只保存在系统的密码保管服务里，不写入任何文件。机器人如果用“自定义关键词”安全设置，关键词请填 ShopGuard。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="45"/>
        <source>WeCom (企业微信)</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="45"/>
        <source>DingTalk (钉钉)</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="46"/>
        <source>Feishu (飞书)</source>
        <translation>飞书</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="50"/>
        <source>Webhook address</source>
        <translation>Webhook 地址</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="52"/>
        <source>Signing secret</source>
        <translation>加签密钥</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="52"/>
        <source>optional</source>
        <translation>可不填（机器人开启加签/签名校验时必填）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="54"/>
        <location filename="../../shopguard/ui/push_settings.py" line="127"/>
        <location filename="../../shopguard/ui/push_settings.py" line="130"/>
        <location filename="../../shopguard/ui/push_settings.py" line="139"/>
        <location filename="../../shopguard/ui/push_settings.py" line="143"/>
        <location filename="../../shopguard/ui/push_settings.py" line="145"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="55"/>
        <source>Save, then send one test message to each robot set up</source>
        <translation>保存，然后给每个已设置的机器人发一条测试消息</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="74"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="89"/>
        <source>Saved: {shown}. Type to replace</source>
        <translation>已保存：{shown}。输入新值可替换</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/push_settings.py" line="130"/>
        <source>No robot is set up yet: paste a webhook address.</source>
        <translation>还没有设置群机器人：请粘贴机器人的 Webhook 地址。</translation>
    </message>
</context>
<context>
    <name>QuestionPanel</name>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="291"/>
        <source>Take my answer back</source>
        <translation>撤回回答</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="113"/>
        <location filename="../../shopguard/ui/report_actions.py" line="125"/>
        <location filename="../../shopguard/ui/report_actions.py" line="135"/>
        <source>Export the morning report</source>
        <translation>导出晨报</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="136"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="168"/>
        <source>Send the morning report</source>
        <translation>发送晨报</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="170"/>
        <source>Not sent: {reason}</source>
        <translation>没有发出：{reason}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="174"/>
        <source>Sent to {to}</source>
        <translation>已发给 {to}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="192"/>
        <source>The daily report was not sent: {reason}</source>
        <translation>今天的晨报没有发出：{reason}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="194"/>
        <source>Daily report</source>
        <translation>每日晨报</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="194"/>
        <source> (not everything was sent)</source>
        <translation>（部分没有发出）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="198"/>
        <source> (tried again at {time})</source>
        <translation>（{time} 再试）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="137"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="138"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/report_actions.py" line="139"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RuleCalendar</name>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="54"/>
        <source>Rule calendar</source>
        <translation>规则日历</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="71"/>
        <source>New promo…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="72"/>
        <source>Copy to a new date…</source>
        <translation>复制到新日期…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="73"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="74"/>
        <source>Switch on/off</source>
        <translation>启用/停用</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="75"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="76"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="77"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="130"/>
        <source>your own pack</source>
        <translation>自定义规则包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="130"/>
        <source>built in (read-only)</source>
        <translation>内置（只读）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="131"/>
        <source>off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="131"/>
        <source>on</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="133"/>
        <source>waiting for your answer: daily deadlines apply</source>
        <translation>等你回答：回答前按日常时限提醒</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="135"/>
        <source>not for you (your answer)</source>
        <translation>按你的回答不适用</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="175"/>
        <source>Built-in packs are read-only: copy one to change it.</source>
        <translation>内置规则包只读：请复制一份再修改。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="221"/>
        <source>Import a rule pack</source>
        <translation>导入规则包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="236"/>
        <source>Export a rule pack</source>
        <translation>导出规则包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/rule_calendar.py" line="245"/>
        <source>Delete {name}?</source>
        <translation>删除「{name}」？</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../shopguard/ui/schedule_dialog.py" line="30"/>
        <location filename="../../shopguard/ui/schedule_dialog.py" line="83"/>
        <source>Send every day</source>
        <translation>每天自动发送</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/schedule_dialog.py" line="32"/>
        <source>Send the report and the group message every day at</source>
        <translation>每天在这个时刻发送晨报邮件和群消息</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/schedule_dialog.py" line="39"/>
        <source>Start ShopGuard with the system (minimised to the tray)</source>
        <translation>开机时自动启动 ShopGuard（最小化到托盘）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/schedule_dialog.py" line="43"/>
        <source>The system&apos;s task scheduler runs it, even when the window is closed; the time is this computer&apos;s clock. Mail and group robots are set in Settings and Alerts.</source>
        <translation>由系统的计划任务运行，窗口关着也会发送；时间按这台电脑的时钟。邮箱在“设置”里设置，群机器人在“提醒 → 群机器人推送”里设置。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="39"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="41"/>
        <source>Domestic merchant (国内商家)</source>
        <translation>国内商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="42"/>
        <source>Cross-border merchant (全球购)</source>
        <translation>全球购商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="44"/>
        <source>Same day (当日发货)</source>
        <translation>当日发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="45"/>
        <source>Next day (次日发货)</source>
        <translation>次日发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="46"/>
        <source>Within 48 h (48小时发货)</source>
        <translation>48小时发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="48"/>
        <source>Not set (assume the shortest transit limit)</source>
        <translation>未设置（按最短的物流中转时限计算）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="52"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="80"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="96"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="97"/>
        <source>Morning report email</source>
        <translation>晨报邮件</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="109"/>
        <source>Choose a folder for ShopGuard&apos;s data</source>
        <translation>选择 ShopGuard 的数据文件夹</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="113"/>
        <source>{path} (after restart)</source>
        <translation>{path}（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="153"/>
        <source>The data is in {path} now. Restart ShopGuard to use it; the old folder is left as it was.</source>
        <translation>数据已复制到 {path}。重启 ShopGuard 后生效；原来的文件夹保持不变。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="86"/>
        <source>Merchant type</source>
        <translation>商家类型</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="87"/>
        <source>Ship promise (orders without 承诺发货时间)</source>
        <translation>发货类型（订单没有承诺发货时间时）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="88"/>
        <source>Shop ships from</source>
        <translation>店铺发货省份</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="89"/>
        <source>Rule packs in use</source>
        <translation>启用的规则包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="90"/>
        <source>Language (after restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/settings_dialog.py" line="91"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
</context>
<context>
    <name>SetupBanner</name>
    <message>
        <location filename="../../shopguard/ui/setup_banner.py" line="23"/>
        <source>Set now…</source>
        <translation>现在设置…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/setup_banner.py" line="25"/>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/setup_banner.py" line="37"/>
        <source>merchant type: counted as a domestic merchant (国内)</source>
        <translation>商家类型暂按国内商家计算</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/setup_banner.py" line="38"/>
        <source>ship-by promise for orders without 承诺发货时间: counted as 当日发货, the strictest</source>
        <translation>没有承诺发货时间的订单暂按当日发货计算（最严）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/setup_banner.py" line="39"/>
        <source>province you ship from: the shortest transit limit is used</source>
        <translation>发货省份未知，中转时限按最短的计算</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/setup_banner.py" line="41"/>
        <source>Not set up yet, so ShopGuard assumes: {list}. Deadlines may come earlier than yours.</source>
        <translation>还没设置，ShopGuard 暂时这样算：{list}。截止时间可能比你店铺的实际时限更早（宁早勿晚）。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="58"/>
        <source>Set up ShopGuard for your shop</source>
        <translation>为你的店铺设置 ShopGuard</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="61"/>
        <source>Three questions decide how your deadlines are worked out. Anything you leave open is assumed the strict way (you are warned early rather than late) and shown at the top of the window until you answer it.</source>
        <translation>三个问题决定截止时间怎么算。没回答的先按最严的方式假设（宁可早提醒，不会晚提醒），并在窗口顶部提示，直到你回答为止。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="70"/>
        <source>1. Merchant type</source>
        <translation>1. 商家类型</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="72"/>
        <source>全球购 (cross-border) shops follow their own 【全球购】 rule books and are not covered by some promotion rules for domestic merchants. If your shop sells imported goods as a 全球购 shop, choose 全球购; otherwise 国内.</source>
        <translation>全球购（跨境）店铺适用单独的【全球购】规则，部分大促规则只对国内商家生效。如果你的店铺是卖进口商品的全球购店铺，选「全球购」；否则选「国内」。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="77"/>
        <source>Domestic (国内)</source>
        <translation>国内商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="77"/>
        <source>Cross-border (全球购)</source>
        <translation>全球购商家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="82"/>
        <source>2. Ship-by promise (发货时效)</source>
        <translation>2. 发货时效</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="84"/>
        <source>How soon after payment you promise to ship. Orders whose export has 承诺发货时间 always use that time; this answer is for orders without it. Look at the 承诺发货时间 column of your order export: if every order has it, choose 按订单承诺 (orders without it are then counted as 当日发货, the strictest).</source>
        <translation>买家付款后你承诺多久内发货。导出表里有「承诺发货时间」的订单一律按这个时间算；这里的答案只用于没有这一列的订单。看一眼订单导出表的「承诺发货时间」列：每个订单都有的话，选「按订单承诺」（个别没有的订单按最严的当日发货算）。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="91"/>
        <source>Same day (当日发货)</source>
        <translation>当日发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="92"/>
        <source>Next day (次日发货)</source>
        <translation>次日发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="93"/>
        <source>Within 48 hours (48 小时发货)</source>
        <translation>48 小时内发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="94"/>
        <source>As each order promises (按订单承诺)</source>
        <translation>按订单承诺（承诺发货时间）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="101"/>
        <source>Not set (assume the shortest transit limit)</source>
        <translation>未设置（按最短的中转时限计算）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="105"/>
        <source>3. Province you ship from (发货省份)</source>
        <translation>3. 发货省份</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="110"/>
        <source>The province of the warehouse your parcels leave from (your 寄件地址, not the buyer&apos;s). A parcel may stand still longer on its way between provinces or to remote regions than within one province, so the transit limit depends on it.</source>
        <translation>你的包裹从哪个省发出（寄件地址所在省份，不是买家的）。跨省或发往偏远地区的包裹，中转停滞的时限比省内长，所以时限要看发货省份。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="118"/>
        <source>4. Which orders to export</source>
        <translation>4. 导出哪段时间的订单</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="133"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="134"/>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/first_run.py" line="147"/>
        <source>The first time, export the orders placed from {first} to today (the last {days} days), so orders still in delivery or after-sales are included; tick 承诺发货时间. After that, each morning the last {daily_days} days (from {daily}) are enough: ShopGuard keeps what you imported before and updates the orders that changed.</source>
        <translation>第一次：导出下单时间从 {first} 到今天（最近 {days} 天）的订单，把还在配送和售后中的订单都带上；记得勾选「承诺发货时间」。以后每天早上导出最近 {daily_days} 天（从 {daily} 起）就够了：之前导入的订单都留着，有变化的会更新。</translation>
    </message>
</context>
<context>
    <name>ShopRiskGauge</name>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="39"/>
        <source>Thresholds from {source}</source>
        <translation>处罚标准出自{source}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="44"/>
        <source>Today {due} orders must ship, {late} are late ({rate})</source>
        <translation>今天 {due} 单应发货，已超时 {late} 单（{rate}）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="48"/>
        <source>lifted the day after the late orders are shipped and picked up</source>
        <translation>超时订单发货并揽收后，次日解除</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="49"/>
        <source>{head}: {effect}. {lifted}</source>
        <translation>{head}：{effect}。{lifted}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="51"/>
        <source>{head}; {count} more late orders and: {effect}</source>
        <translation>{head}；再超时 {count} 单将触发：{effect}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="55"/>
        <source>{head}; not enough orders due today to reach a shop sanction</source>
        <translation>{head}；今天应发货的订单不足以触发店铺处罚</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/shop_risk_gauge.py" line="56"/>
        <source>{head}; {why}</source>
        <translation>{head}；{why}</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../../shopguard/ui/single_instance.py" line="150"/>
        <source>ShopGuard is already open on {folder}: its window was brought to the front.</source>
        <translation>ShopGuard 已经打开了数据文件夹 {folder}，已把那个窗口切换到最前面。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/single_instance.py" line="158"/>
        <source>ShopGuard is already open on the data folder {folder} on the computer {host}. Close it there, then start ShopGuard again. If ShopGuard no longer runs there, delete the file {lock} and start again.</source>
        <translation>电脑 {host} 上的 ShopGuard 已经打开了数据文件夹 {folder}。请先在那台电脑上关闭它，再重新启动 ShopGuard。如果那边其实已经没有在运行，请删除文件 {lock} 后再启动。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/single_instance.py" line="164"/>
        <source>ShopGuard is already open on the data folder {folder}, but its window does not answer. Switch to it in the taskbar, or close it (or end it in the Task Manager), then start ShopGuard again.</source>
        <translation>ShopGuard 已经打开了数据文件夹 {folder}，但那个窗口没有响应。请在任务栏中切换到它，或者把它关闭（必要时在任务管理器中结束它），然后再启动 ShopGuard。</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="191"/>
        <source>The database file {database} is damaged: ShopGuard cannot read from it or save to it.</source>
        <translation>数据库文件 {database} 已损坏：ShopGuard 无法从中读取，也无法保存。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="194"/>
        <source>The disk holding {folder} is full, so ShopGuard cannot save anything new. Everything saved before is unchanged.</source>
        <translation>存放 {folder} 的磁盘已满，ShopGuard 无法保存任何新内容。之前保存的数据都没有变化。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="199"/>
        <source>ShopGuard may not write to {folder}: the folder or its drive is read-only, or your user account has no permission to change it.</source>
        <translation>ShopGuard 无法写入 {folder}：这个文件夹或所在的磁盘是只读的，或者当前的电脑用户没有修改它的权限。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="204"/>
        <source>ShopGuard cannot read or write the database in {folder}: the drive holding it may be disconnected or failing, or your user account has no permission to open it.</source>
        <translation>ShopGuard 无法读写 {folder} 中的数据库：所在的磁盘可能已断开或出了故障，或者当前的电脑用户没有打开它的权限。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="209"/>
        <source>The database in {folder} is busy: another ShopGuard is writing to it, such as a shopguard command (an import, the morning report) or a ShopGuard window on another computer.</source>
        <translation>{folder} 中的数据库正忙：另一个 ShopGuard 正在写入，例如正在运行的命令行导入或晨报，或者另一台电脑上打开的 ShopGuard 窗口。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="214"/>
        <source>The database file shopguard.db is no longer in {folder}: it was moved, renamed or deleted, or the drive holding it was disconnected.</source>
        <translation>数据库文件 shopguard.db 已不在 {folder} 中：它被移动、改名或删除了，或者所在的磁盘已断开。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="219"/>
        <source>ShopGuard cannot use its database in {folder}.</source>
        <translation>ShopGuard 无法使用 {folder} 中的数据库。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="222"/>
        <source>Free some space on that disk (empty the Recycle Bin, delete or move large files), then try again.</source>
        <translation>请在那个磁盘上腾出一些空间（清空回收站，删除或移走大文件），然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="226"/>
        <source>Make the folder writable (a USB stick: check its lock switch; a shared folder: ask for write permission), or copy the whole folder somewhere you can write, then try again.</source>
        <translation>请让这个文件夹可以写入（U 盘：检查写保护开关；共享文件夹：请管理员开放写入权限），或者把整个文件夹复制到可以写入的地方，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="231"/>
        <source>Check that the drive or USB stick holding the folder is connected and that you can open the folder in the file manager, then try again.</source>
        <translation>请确认存放这个文件夹的磁盘或 U 盘已经连接好，并且能在资源管理器中打开这个文件夹，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="236"/>
        <source>Wait until the other ShopGuard has finished, or close it, then try again.</source>
        <translation>请等另一个 ShopGuard 完成，或者把它关闭，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="243"/>
        <source>The database file in {folder} is damaged. ShopGuard set it aside as {moved}, unchanged, so nothing in it is overwritten.</source>
        <translation>{folder} 中的数据库文件已损坏。ShopGuard 已把它原样改名保留为 {moved}，里面的内容不会被覆盖。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="250"/>
        <source>The database file in {folder} is damaged. ShopGuard set it aside in that folder, unchanged, so nothing in it is overwritten.</source>
        <translation>{folder} 中的数据库文件已损坏。ShopGuard 已把它原样改名保留在这个文件夹里，里面的内容不会被覆盖。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="261"/>
        <source>There is no backup in {backups}. Import your latest 抖店 exports again to rebuild the list; notes and handled marks were only in the old file.</source>
        <translation>{backups} 中没有备份。请重新导入最近的抖店导出文件来重建清单；备注和“已处理”标记只保存在原来的文件里。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="268"/>
        <source>To get your data back: quit ShopGuard, copy the newest backup {backup} into {folder} and name the copy shopguard.db (replacing the file there, if any), then start ShopGuard again. Orders imported after that backup can be imported again from your 抖店 exports.</source>
        <translation>恢复数据的方法：退出 ShopGuard，把最新的备份 {backup} 复制到 {folder}，并把复制出的文件改名为 shopguard.db（如果那里已有同名文件，就替换它），然后重新启动 ShopGuard。这份备份之后导入的订单，可以用抖店导出文件重新导入。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="278"/>
        <source>Quit ShopGuard and start it again; if this keeps happening, send us the log file.</source>
        <translation>请退出 ShopGuard 后重新启动；如果问题反复出现，请把日志文件发给我们。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="286"/>
        <source>ShopGuard: problem with the database</source>
        <translation>ShopGuard：数据库出了问题</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="290"/>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="313"/>
        <source>Open with an empty database</source>
        <translation>用空数据库打开</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/store_errors.py" line="316"/>
        <source>Quit ShopGuard</source>
        <translation>退出 ShopGuard</translation>
    </message>
</context>
<context>
    <name>TableMenu</name>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="44"/>
        <source>Copy order number(s)</source>
        <translation>复制订单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="46"/>
        <source>Copy tracking number(s)</source>
        <translation>复制物流单号</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="51"/>
        <source>Mark as not handled</source>
        <translation>取消已处理</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="53"/>
        <source>Mark as handled ({count} orders)</source>
        <translation>标记为已处理（{count} 个订单）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="55"/>
        <source>Mark as handled</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="58"/>
        <source>Add note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="60"/>
        <source>File a report for {count} orders…</source>
        <translation>报备…（{count} 个订单）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="62"/>
        <source>File a report…</source>
        <translation>报备…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="75"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="77"/>
        <source>Note for order {order}</source>
        <translation>订单 {order} 的备注</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_menu.py" line="79"/>
        <source>Note for {count} orders</source>
        <translation>{count} 个订单的备注（每个订单都加上）</translation>
    </message>
</context>
<context>
    <name>TableSort</name>
    <message>
        <location filename="../../shopguard/ui/table_sort.py" line="51"/>
        <location filename="../../shopguard/ui/table_sort.py" line="55"/>
        <source>Most urgent first</source>
        <translation>最紧急在前</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_sort.py" line="52"/>
        <source>Most money at risk first</source>
        <translation>扣款最多在前</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_sort.py" line="53"/>
        <source>Order of the list (a click on a column header sorts by that column)</source>
        <translation>列表的排列顺序（点击表头可按该列排序）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/table_sort.py" line="57"/>
        <source>Back to the most urgent clocks first</source>
        <translation>回到最紧急的排在最前</translation>
    </message>
</context>
<context>
    <name>TextPage</name>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="492"/>
        <source>Filing text</source>
        <translation>报备说明</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="523"/>
        <source>{count} characters</source>
        <translation>{count} 字</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="493"/>
        <source>Drafted from the facts; edit it as you like, then Build package records the filing.</source>
        <translation>根据事实自动起草，可以修改；点“生成材料包”记下报备并生成材料包。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="497"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="498"/>
        <source>Copy the text to paste it into 抖店</source>
        <translation>复制文字，粘贴到抖店后台</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="508"/>
        <source>Build package</source>
        <translation>生成材料包</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="517"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>TypePage</name>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="170"/>
        <source>Filing type and cause</source>
        <translation>报备类型和原因</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="171"/>
        <source>Orders: {orders}</source>
        <translation>订单：{orders}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="179"/>
        <source>A violation notice has arrived (this is an appeal, 申诉)</source>
        <translation>已收到违规通知（这是申诉）</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="187"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="188"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="190"/>
        <source>Notice date</source>
        <translation>违规通知日期</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="205"/>
        <source>申诉: within 7 natural days of the notice, at 店铺 → 店铺保障 → 申诉中心.</source>
        <translation>申诉：收到通知后 7 个自然日内，在 店铺 → 店铺保障 → 申诉中心 提交。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/filing_wizard.py" line="207"/>
        <source>报备: before the deadline, at 抖店后台 → 保障中心 → 报备中心.</source>
        <translation>报备：在截止时间之前，在 抖店后台 → 保障中心 → 报备中心 提交。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="13"/>
        <source>Import order export</source>
        <translation>导入订单导出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="22"/>
        <source>Import after-sales export</source>
        <translation>导入售后单导出</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="27"/>
        <source>Import tracking sheet</source>
        <translation>导入快递轨迹表</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="15"/>
        <source>Download it from 导出记录. Tick at least 主订单编号, 子订单编号, 支付完成时间, 承诺发货时间, 发货时间, 订单状态, 快递信息 and 省/市/区.</source>
        <translation>在「导出记录」里下载。至少勾选主订单编号、子订单编号、支付完成时间、承诺发货时间、发货时间、订单状态、快递信息和省市区。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="24"/>
        <source>Used for the refund, exchange and return-not-received clocks.</source>
        <translation>用于退款、换货和退货未签收的时限。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="29"/>
        <source>Not from 抖店: export it from your courier outlet&apos;s portal, a batch tracking query or your ERP, with 快递单号, 揽收时间, 首个分拨中心时间, 签收时间 and 最新轨迹时间 — for outbound and return parcels.</source>
        <translation>不是从抖店下载：从快递网点后台、批量查询工具或 ERP 导出，包含快递单号、揽收时间、首个分拨中心时间、签收时间和最新轨迹时间——发出的包裹和退货包裹都可以。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="44"/>
        <source>Welcome to ShopGuard</source>
        <translation>欢迎使用 ShopGuard 抖店时效管家</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="46"/>
        <source>Import the spreadsheets you download from 抖店 each morning: ShopGuard works out every order&apos;s ship, pickup, logistics and after-sales deadlines and puts the ones about to run out first.</source>
        <translation>每天早上导入从抖店下载的表格，ShopGuard 会算出每个订单的发货、揽收、物流和售后截止时间，把快要超时的排在最前面。</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="65"/>
        <source>You can also drop files onto this window. To look around first, open the demo data:</source>
        <translation>也可以直接把文件拖到这个窗口里。想先看看效果？打开演示数据：</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/welcome.py" line="67"/>
        <source>Open demo data</source>
        <translation>打开演示数据</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../shopguard/ui/deadline_model.py" line="119"/>
        <source>Not penalised</source>
        <translation>不判罚</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="12"/>
        <source>Ship</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="13"/>
        <source>Pickup</source>
        <translation>揽收</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="14"/>
        <source>Sorting</source>
        <translation>分拨</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="15"/>
        <source>Transit</source>
        <translation>中转</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="16"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="17"/>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="18"/>
        <source>Return not received</source>
        <translation>退货未签收</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="21"/>
        <location filename="../../shopguard/ui/labels.py" line="30"/>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="22"/>
        <source>Pending</source>
        <translation>未到期</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="23"/>
        <source>Done late</source>
        <translation>超时完成</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="24"/>
        <source>Done on time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="25"/>
        <source>Exempt</source>
        <translation>豁免</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="26"/>
        <location filename="../../shopguard/ui/labels.py" line="31"/>
        <source>Needs checking</source>
        <translation>需要核对</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="29"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="32"/>
        <source>Within 6 h</source>
        <translation>6小时内</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="33"/>
        <source>Within 24 h</source>
        <translation>24小时内</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="34"/>
        <source>Later</source>
        <translation>24小时后</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="36"/>
        <source>Done / exempt</source>
        <translation>已完成/豁免</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="61"/>
        <source>{days} d {hours} h</source>
        <translation>{days}天{hours}小时</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="63"/>
        <source>{days} d</source>
        <translation>{days}天</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="65"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}小时{minutes}分</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="67"/>
        <source>{hours} h</source>
        <translation>{hours}小时</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="69"/>
        <source>{minutes} min</source>
        <translation>{minutes}分</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="70"/>
        <source>under 1 min</source>
        <translation>不到1分</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="75"/>
        <source>Overdue {span}</source>
        <translation>已超时 {span}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="76"/>
        <source>{span} left</source>
        <translation>还剩 {span}</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/labels.py" line="35"/>
        <source>Handled</source>
        <translation>已处理</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../shopguard/ui/pack_problems.py" line="25"/>
        <source>Rule files could not be read</source>
        <translation>规则文件无法读取</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/pack_problems.py" line="26"/>
        <source>Some of your rule files could not be read. The list uses the built-in rules without them; the files were not changed. Fix or replace them, then recalculate.</source>
        <translation>有规则文件无法读取。清单暂按内置规则计算（不含这些文件），文件本身没有改动。请修好或替换后重新计算。</translation>
    </message>
</context>
</TS>
