import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{l as a,o,t as s,u as c}from"./usePageTitle-CUEgSYxO.js";import{t as l}from"./Pager-DAfnWMpG.js";import{n as u,r as d,t as f}from"./States-Fx22-PiY.js";import{r as p,t as m}from"./format-B5R3HS_1.js";import{n as h,t as g}from"./fields-DFisZoQb.js";import{n as _}from"./localName-OkrEYGri.js";var v=e(t(),1),y=n(),b=12,x=o(`
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
          nameZh
        }
      }
    }
  }
`),S=o(`
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
`),C=o(`
  mutation ReportInventory($input: ReportInventoryInput!) {
    reportInventory(input: $input) {
      id
    }
  }
`);function w(){let{t:e}=i();s(e(`facts.inventoryTitle`));let[t,n]=(0,v.useState)(0),[{data:r,error:a}]=c({query:x});if(a&&!r)return(0,y.jsx)(u,{error:a});if(!r)return(0,y.jsx)(d,{});let o=(r.products.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,y.jsxs)(`section`,{"aria-labelledby":`inventory-title`,children:[(0,y.jsx)(`h1`,{id:`inventory-title`,children:e(`facts.inventoryTitle`)}),(0,y.jsx)(`p`,{className:`lead`,children:e(`facts.inventoryIntro`)}),(0,y.jsx)(T,{products:o,today:r.settings.today,onSent:()=>n(e=>e+1)}),(0,y.jsx)(E,{sent:t})]})}function T({products:e,today:t,onSent:n}){let{t:r,i18n:o}=i(),s=(0,v.useId)(),[c,l]=(0,v.useState)(t),[u,d]=(0,v.useState)([{productID:``,stock:``}]),[f,p]=(0,v.useState)(!1),[{fetching:m,error:b},x]=a(C),S=(e,t)=>d(n=>n.map((n,r)=>r===e?{...n,...t}:n));return(0,y.jsxs)(`section`,{"aria-labelledby":`${s}-title`,children:[(0,y.jsx)(`h2`,{id:`${s}-title`,children:r(`facts.reportStock`)}),(0,y.jsxs)(`form`,{className:`form facts-form inventory-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),p(!1);let t=u.map(e=>({productID:e.productID,stock:e.stock.trim()===``?-1:Number(e.stock)}));(await x({input:{date:c,lines:t}})).error||(d([{productID:``,stock:``}]),p(!0),n())},children:[(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:`${s}-date`,children:r(`facts.countedOn`)}),(0,y.jsx)(`input`,{id:`${s}-date`,name:`date`,type:`date`,max:t,value:c,onChange:e=>l(e.target.value)}),(0,y.jsx)(g,{error:b,name:`date`})]}),(0,y.jsxs)(`table`,{className:`table inventory-lines`,children:[(0,y.jsx)(`thead`,{children:(0,y.jsxs)(`tr`,{children:[(0,y.jsx)(`th`,{scope:`col`,children:r(`facts.product`)}),(0,y.jsx)(`th`,{scope:`col`,className:`num`,children:r(`facts.stock`)}),(0,y.jsx)(`th`,{scope:`col`,children:(0,y.jsx)(`span`,{className:`visually-hidden`,children:r(`facts.removeLine`)})})]})}),(0,y.jsx)(`tbody`,{children:u.map((t,n)=>(0,y.jsxs)(`tr`,{"data-line":n,children:[(0,y.jsxs)(`td`,{"data-label":r(`facts.product`),children:[(0,y.jsxs)(`select`,{"aria-label":r(`facts.product`),name:`productID`,value:t.productID,onChange:e=>S(n,{productID:e.target.value}),children:[(0,y.jsx)(`option`,{value:``,children:r(`facts.chooseProduct`)}),e.map(e=>(0,y.jsxs)(`option`,{value:e.id,children:[e.sku,` `,_(e,o.language)]},e.id))]}),(0,y.jsx)(g,{error:b,name:`productID`,line:n})]}),(0,y.jsxs)(`td`,{"data-label":r(`facts.stock`),className:`num`,children:[(0,y.jsx)(`input`,{"aria-label":r(`facts.stock`),name:`stock`,type:`number`,min:0,step:1,inputMode:`numeric`,value:t.stock,onChange:e=>S(n,{stock:e.target.value})}),(0,y.jsx)(g,{error:b,name:`stock`,line:n})]}),(0,y.jsx)(`td`,{children:u.length>1&&(0,y.jsx)(`button`,{type:`button`,className:`button button-quiet`,onClick:()=>d(e=>e.filter((e,t)=>t!==n)),children:r(`facts.removeLine`)})})]},n))})]}),(0,y.jsx)(g,{error:b,name:`lines`}),(0,y.jsx)(h,{error:b,fields:[`date`,`productID`,`stock`,`lines`]}),(0,y.jsxs)(`p`,{className:`actions-row`,children:[(0,y.jsx)(`button`,{type:`button`,className:`button add-line`,onClick:()=>d(e=>[...e,{productID:``,stock:``}]),children:r(`facts.addLine`)}),(0,y.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:m,children:r(`facts.sendStock`)}),(0,y.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:f?r(`facts.stockSent`):``})]})]})]})}function E({sent:e}){let{t,i18n:n}=i(),[a,o]=r(),s=a.get(`after`),h=a.get(`before`),[{data:g,error:_},x]=c({query:S,variables:h?{last:b,before:h}:{first:b,after:s??null}});(0,v.useEffect)(()=>{e&&x({requestPolicy:`network-only`})},[e,x]);let C=g?.inventoryReports,w=(C?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,y.jsxs)(`section`,{"aria-labelledby":`inventory-past`,children:[(0,y.jsx)(`h2`,{id:`inventory-past`,children:t(`facts.pastCounts`)}),_&&!g?(0,y.jsx)(u,{error:_,onRetry:()=>x({requestPolicy:`network-only`})}):g?w.length?(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`p`,{className:`count`,children:t(`facts.countCounts`,{count:C?.totalCount??0})}),(0,y.jsx)(`ul`,{className:`inventory-reports`,children:w.map(e=>(0,y.jsxs)(`li`,{className:`inventory-report`,"data-date":e.reportedOn,children:[(0,y.jsxs)(`p`,{children:[(0,y.jsx)(`strong`,{children:m(e.reportedOn,n.language)}),` `,(0,y.jsx)(`span`,{className:`muted`,children:t(`facts.by`,{name:e.recordedByName})})]}),(0,y.jsxs)(`table`,{className:`table`,children:[(0,y.jsx)(`thead`,{children:(0,y.jsxs)(`tr`,{children:[(0,y.jsx)(`th`,{scope:`col`,children:t(`facts.product`)}),(0,y.jsx)(`th`,{scope:`col`,className:`num`,children:t(`facts.stock`)}),(0,y.jsx)(`th`,{scope:`col`,className:`num`,children:t(`facts.unitCost`)})]})}),(0,y.jsx)(`tbody`,{children:(e.lines??[]).map(e=>(0,y.jsxs)(`tr`,{className:e.stock===0?`out-of-stock`:void 0,children:[(0,y.jsxs)(`th`,{scope:`row`,"data-label":t(`facts.product`),children:[e.productName,` `,(0,y.jsx)(`span`,{className:`muted mono`,children:e.sku})]}),(0,y.jsx)(`td`,{"data-label":t(`facts.stock`),className:`num`,children:e.stock===0?t(`facts.outOfStock`):e.stock}),(0,y.jsx)(`td`,{"data-label":t(`facts.unitCost`),className:`num money`,children:p(e.unitCost,n.language)})]},e.id))})]})]},e.id))}),C&&(0,y.jsx)(l,{pageInfo:C.pageInfo,onPage:e=>o(e.after?{after:e.after}:e.before?{before:e.before}:{})})]}):(0,y.jsx)(f,{children:t(`facts.noCounts`)}):(0,y.jsx)(d,{})]})}export{w as Inventory,x as InventoryOptionsQuery,S as InventoryReportsQuery,C as ReportInventoryMutation};