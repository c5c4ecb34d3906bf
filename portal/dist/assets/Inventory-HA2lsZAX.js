import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{l as a,o,t as s,u as c}from"./usePageTitle-CNuGqkbR.js";import{a as l,g as u,h as d,m as f}from"./index-BQF-CtQ0.js";import{t as p}from"./format-DyU-Atiu.js";import{n as m,t as h}from"./fields-B9GNAaMK.js";var g=e(t(),1),_=n(),v=12,y=o(`
  query InventoryOptions {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
        }
      }
    }
  }
`),b=o(`
  query InventoryReports($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    inventoryReports(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          reportedOn
          recordedByName
          lines {
            id
            stock
            unitCost
            sku
            productName
          }
        }
      }
    }
  }
`),x=o(`
  mutation ReportInventory($input: ReportInventoryInput!) {
    reportInventory(input: $input) {
      id
    }
  }
`);function S(){let{t:e}=i();s(e(`facts.inventoryTitle`));let[t,n]=(0,g.useState)(0),[{data:r,error:a}]=c({query:y});if(a&&!r)return(0,_.jsx)(d,{error:a});if(!r)return(0,_.jsx)(u,{});let o=(r.products.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,_.jsxs)(`section`,{"aria-labelledby":`inventory-title`,children:[(0,_.jsx)(`h1`,{id:`inventory-title`,children:e(`facts.inventoryTitle`)}),(0,_.jsx)(`p`,{className:`lead`,children:e(`facts.inventoryIntro`)}),(0,_.jsx)(C,{products:o,today:r.settings.today,onSent:()=>n(e=>e+1)}),(0,_.jsx)(w,{sent:t})]})}function C({products:e,today:t,onSent:n}){let{t:r}=i(),o=(0,g.useId)(),[s,c]=(0,g.useState)(t),[l,u]=(0,g.useState)([{productID:``,stock:``}]),[d,f]=(0,g.useState)(!1),[{fetching:p,error:v},y]=a(x),b=(e,t)=>u(n=>n.map((n,r)=>r===e?{...n,...t}:n));return(0,_.jsxs)(`section`,{"aria-labelledby":`${o}-title`,children:[(0,_.jsx)(`h2`,{id:`${o}-title`,children:r(`facts.reportStock`)}),(0,_.jsxs)(`form`,{className:`form facts-form inventory-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),f(!1);let t=l.map(e=>({productID:e.productID,stock:e.stock.trim()===``?-1:Number(e.stock)}));(await y({input:{date:s,lines:t}})).error||(u([{productID:``,stock:``}]),f(!0),n())},children:[(0,_.jsxs)(`div`,{className:`field`,children:[(0,_.jsx)(`label`,{htmlFor:`${o}-date`,children:r(`facts.countedOn`)}),(0,_.jsx)(`input`,{id:`${o}-date`,name:`date`,type:`date`,max:t,value:s,onChange:e=>c(e.target.value)}),(0,_.jsx)(h,{error:v,name:`date`})]}),(0,_.jsxs)(`table`,{className:`table inventory-lines`,children:[(0,_.jsx)(`thead`,{children:(0,_.jsxs)(`tr`,{children:[(0,_.jsx)(`th`,{scope:`col`,children:r(`facts.product`)}),(0,_.jsx)(`th`,{scope:`col`,className:`num`,children:r(`facts.stock`)}),(0,_.jsx)(`th`,{scope:`col`,children:(0,_.jsx)(`span`,{className:`visually-hidden`,children:r(`facts.removeLine`)})})]})}),(0,_.jsx)(`tbody`,{children:l.map((t,n)=>(0,_.jsxs)(`tr`,{"data-line":n,children:[(0,_.jsxs)(`td`,{"data-label":r(`facts.product`),children:[(0,_.jsxs)(`select`,{"aria-label":r(`facts.product`),name:`productID`,value:t.productID,onChange:e=>b(n,{productID:e.target.value}),children:[(0,_.jsx)(`option`,{value:``,children:r(`facts.chooseProduct`)}),e.map(e=>(0,_.jsxs)(`option`,{value:e.id,children:[e.sku,` `,e.name]},e.id))]}),(0,_.jsx)(h,{error:v,name:`productID`,line:n})]}),(0,_.jsxs)(`td`,{"data-label":r(`facts.stock`),className:`num`,children:[(0,_.jsx)(`input`,{"aria-label":r(`facts.stock`),name:`stock`,type:`number`,min:0,step:1,inputMode:`numeric`,value:t.stock,onChange:e=>b(n,{stock:e.target.value})}),(0,_.jsx)(h,{error:v,name:`stock`,line:n})]}),(0,_.jsx)(`td`,{children:l.length>1&&(0,_.jsx)(`button`,{type:`button`,className:`button button-quiet`,onClick:()=>u(e=>e.filter((e,t)=>t!==n)),children:r(`facts.removeLine`)})})]},n))})]}),(0,_.jsx)(h,{error:v,name:`lines`}),(0,_.jsx)(m,{error:v,fields:[`date`,`productID`,`stock`,`lines`]}),(0,_.jsxs)(`p`,{className:`actions-row`,children:[(0,_.jsx)(`button`,{type:`button`,className:`button add-line`,onClick:()=>u(e=>[...e,{productID:``,stock:``}]),children:r(`facts.addLine`)}),(0,_.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:p,children:r(`facts.sendStock`)}),(0,_.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:d?r(`facts.stockSent`):``})]})]})]})}function w({sent:e}){let{t,i18n:n}=i(),[a,o]=r(),s=a.get(`after`),m=a.get(`before`),[{data:h,error:y},x]=c({query:b,variables:m?{last:v,before:m}:{first:v,after:s??null}});(0,g.useEffect)(()=>{e&&x({requestPolicy:`network-only`})},[e,x]);let S=h?.inventoryReports,C=(S?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,_.jsxs)(`section`,{"aria-labelledby":`inventory-past`,children:[(0,_.jsx)(`h2`,{id:`inventory-past`,children:t(`facts.pastCounts`)}),y&&!h?(0,_.jsx)(d,{error:y,onRetry:()=>x({requestPolicy:`network-only`})}):h?C.length?(0,_.jsxs)(_.Fragment,{children:[(0,_.jsx)(`p`,{className:`count`,children:t(`facts.countCounts`,{count:S?.totalCount??0})}),(0,_.jsx)(`ul`,{className:`inventory-reports`,children:C.map(e=>(0,_.jsxs)(`li`,{className:`inventory-report`,"data-date":e.reportedOn,children:[(0,_.jsxs)(`p`,{children:[(0,_.jsx)(`strong`,{children:e.reportedOn}),` `,(0,_.jsx)(`span`,{className:`muted`,children:t(`facts.by`,{name:e.recordedByName})})]}),(0,_.jsxs)(`table`,{className:`table`,children:[(0,_.jsx)(`thead`,{children:(0,_.jsxs)(`tr`,{children:[(0,_.jsx)(`th`,{scope:`col`,children:t(`facts.product`)}),(0,_.jsx)(`th`,{scope:`col`,className:`num`,children:t(`facts.stock`)}),(0,_.jsx)(`th`,{scope:`col`,className:`num`,children:t(`facts.unitCost`)})]})}),(0,_.jsx)(`tbody`,{children:(e.lines??[]).map(e=>(0,_.jsxs)(`tr`,{className:e.stock===0?`out-of-stock`:void 0,children:[(0,_.jsxs)(`th`,{scope:`row`,"data-label":t(`facts.product`),children:[e.productName,` `,(0,_.jsx)(`span`,{className:`muted mono`,children:e.sku})]}),(0,_.jsx)(`td`,{"data-label":t(`facts.stock`),className:`num`,children:e.stock===0?t(`facts.outOfStock`):e.stock}),(0,_.jsx)(`td`,{"data-label":t(`facts.unitCost`),className:`num money`,children:p(e.unitCost,n.language)})]},e.id))})]})]},e.id))}),S&&(0,_.jsx)(l,{pageInfo:S.pageInfo,onPage:e=>o(e.after?{after:e.after}:e.before?{before:e.before}:{})})]}):(0,_.jsx)(f,{children:t(`facts.noCounts`)}):(0,_.jsx)(u,{})]})}export{S as Inventory,y as InventoryOptionsQuery,b as InventoryReportsQuery,x as ReportInventoryMutation};